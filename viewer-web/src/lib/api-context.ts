import { createContext, useContext } from 'react';
import { createApiClient, type ApiClient } from './api';

export const ApiContext = createContext<ApiClient>(createApiClient());

export function useApi(): ApiClient {
  return useContext(ApiContext);
}

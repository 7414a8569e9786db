import { Route, Routes } from 'react-router';
import { ChannelPage } from '../features/channel/ChannelPage';
import { DirectoryPage } from '../features/directory/DirectoryPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<DirectoryPage />} />
        <Route path="c/:slug" element={<ChannelPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

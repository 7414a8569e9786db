import { Suspense, lazy } from 'react';
import { Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { SignupPage } from '../features/auth/SignupPage';
import { ChannelPage } from '../features/channel/ChannelPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { CategoryPage } from '../features/directory/CategoryPage';
import { DirectoryPage } from '../features/directory/DirectoryPage';
import { SearchPage } from '../features/directory/SearchPage';
import { FollowingPage } from '../features/follow/FollowingPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

// hls.js comes with the replay page only.
const ClipPage = lazy(() => import('../features/replay/ClipPage').then((m) => ({ default: m.ClipPage })));
const ReplayPage = lazy(() => import('../features/replay/ReplayPage').then((m) => ({ default: m.ReplayPage })));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<DirectoryPage />} />
        <Route path="category/:slug" element={<CategoryPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="following" element={<FollowingPage />} />
        <Route path="c/:slug" element={<ChannelPage />} />
        <Route path="v/:id" element={<Suspense fallback={null}><ReplayPage /></Suspense>} />
        <Route path="clip/:id" element={<Suspense fallback={null}><ClipPage /></Suspense>} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignupPage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

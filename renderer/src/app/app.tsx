import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { AppFrame } from './app-frame';
import { SCREENS } from './screens';

// Hash routing: the same build works from app://desk/ and from the hub's static server.
const router = createHashRouter([
  {
    path: '/',
    element: <AppFrame />,
    children: [
      { index: true, element: <Navigate to={SCREENS[0]?.path ?? '/'} replace /> },
      ...SCREENS.map(({ path, Component }) => ({ path, element: <Component /> })),
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}

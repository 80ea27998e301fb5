import { useMemo } from 'react';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { IdleLock, LockScreen, LoginScreen } from '../features/session';
import { FirstRun, useRememberDataOrigin } from '../features/backup';
import { AppFrame } from './app-frame';
import { ScreenBoundary } from './error-boundary';
import { useDesk } from './desk-context';
import { useAppSelector } from './hooks';
import { ROUTES, SCREENS, startPathFor } from './screens';

/** The start page of the logged-in person's role (screens.ts startPathFor). */
function StartScreen() {
  const role = useAppSelector((s) => s.session.user?.role ?? null);
  return <Navigate to={startPathFor(role)} replace />;
}

// Hash routing: the same build works from app://desk/ and from the hub's static server.
function useRouter() {
  return useMemo(
    () =>
      createHashRouter([
        {
          path: '/',
          element: <AppFrame />,
          children: [
            { index: true, element: <StartScreen /> },
            ...[...SCREENS, ...ROUTES].map(({ path, Component }) => ({
              path,
              // A screen that fails shows a message in its place; the frame and navigation stay.
              element: (
                <ScreenBoundary>
                  <Component />
                </ScreenBoundary>
              ),
            })),
          ],
        },
      ]),
    [],
  );
}

/**
 * First start → the setup wizard; nobody logged in → the login screen; otherwise the desk. A locked
 * desk keeps its screens mounted under the lock, so unsaved work survives the lock.
 */
export function App() {
  const { office } = useDesk();
  const session = useAppSelector((s) => s.session);
  const router = useRouter();
  useRememberDataOrigin(office !== null);
  // No office: the wizard, a restore from a backup, or where this computer's office data is.
  if (!office) return <FirstRun />;
  if (!session.user) return <LoginScreen />;
  return (
    <>
      <RouterProvider router={router} />
      <IdleLock />
      {session.locked && <LockScreen />}
    </>
  );
}

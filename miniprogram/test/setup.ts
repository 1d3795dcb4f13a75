import '@testing-library/react';
import { taroMock } from './mocks/taro';

beforeEach(() => {
  taroMock.reset();
  // Who is signed in is kept per token for the session: each test signs in afresh. Required here,
  // after the test file has loaded, so it is the instance the pages use (with that file's api mocks).
  (require('../src/packages/staff/components/staff-session') as typeof import('../src/packages/staff/components/staff-session')).forgetStaffMe();
});

// Taro's H5 components pass mini-program props (hoverClass, placeholderClass…) on to the DOM; React
// warns about each in jsdom. Those warnings say nothing about the app.
const originalError = console.error;
jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  const first = String(args[0] ?? '');
  if (/React does not recognize the `%s` prop|React does not recognize the `\w+` prop|Unknown event handler property/.test(first)) return;
  originalError(...args);
});

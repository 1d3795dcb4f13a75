/** weapp: never the desktop console (the side navigation and tables are H5 only, useDesk.h5.ts). */
export function useDesk(): boolean {
  return false;
}

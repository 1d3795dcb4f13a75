/** The review actions' keys (H5 at a desk: useReviewShortcuts.h5.ts); weapp has no keyboard. */
export function useReviewShortcuts(_handlers: Partial<Record<string, () => void>>, _enabled: boolean, _scopeId: string): void {
  // Nothing to listen to.
}

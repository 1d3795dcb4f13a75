/**
 * A role for a `Text` (Taro's Text props leave out `role`, View's have it): spread it,
 * `<Text {...role('link')} onClick={…}>`. H5 renders it as the attribute; weapp ignores it.
 */
export function role(name: 'button' | 'link'): Record<string, string> {
  return { role: name };
}

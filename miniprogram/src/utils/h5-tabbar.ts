/**
 * H5 only. Taro draws the tab bar itself in H5 (custom tab bars are not supported there), so its
 * items get no class of ours; this adds the e2e hooks `e2e-tab-home`, `e2e-tab-catalog` and
 * `e2e-tab-mine` to them once they appear. weapp has the native tab bar, which no test can reach.
 */
const TAB_HOOKS = ['e2e-tab-home', 'e2e-tab-catalog', 'e2e-tab-mine'];

function tagOnce(): boolean {
  const items = document.querySelectorAll('.weui-tabbar__item');
  if (items.length < TAB_HOOKS.length) return false;
  items.forEach((el, i) => {
    const hook = TAB_HOOKS[i];
    if (hook) el.classList.add('e2e-tab', hook);
  });
  return true;
}

export function tagH5TabBar(): void {
  if (typeof document === 'undefined' || tagOnce()) return;
  const observer = new MutationObserver(() => {
    if (tagOnce()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), 30_000);
}

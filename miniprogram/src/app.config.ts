export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/category/index',
    'pages/mine/index',
    'pages/notice/list',
    'pages/notice/detail',
    'pages/search/index',
  ],
  subPackages: [
    {
      root: 'packages/services',
      pages: [
        'pages/zoning/index',
        'pages/inquiry/index',
        'pages/inquiry/ask',
        'pages/inquiry/mine',
        'pages/inquiry/detail',
        'pages/qa/index',
        'pages/qa/detail',
        'pages/disclosure/index',
        'pages/disclosure/apply',
        'pages/disclosure/mine',
        'pages/disclosure/detail',
        'pages/disclosure/lookup',
        'pages/subscriptions/index',
        'pages/privacy/notice',
        'pages/privacy/my-data',
      ],
    },
    {
      root: 'packages/staff',
      pages: ['pages/login/index', 'pages/home/index', 'pages/notices/index', 'pages/compose/index', 'pages/review-queue/index', 'pages/review/index', 'pages/push/index', 'pages/push-report/index', 'pages/inquiries/index', 'pages/inquiry/index', 'pages/oa-binding/index', 'pages/password/index', 'pages/privacy-requests/index', 'pages/privacy-request/index', 'pages/privacy-access/index', 'pages/portal-sync/index', 'pages/zoning/index', 'pages/zoning/table', 'pages/zoning/compare', 'pages/zoning/misses', 'pages/disclosure/index', 'pages/disclosure/detail', 'pages/disclosure/enter', 'pages/disclosure/challenges', 'pages/reports/index', 'pages/reports/records', 'pages/search/synonyms', 'pages/search/insight'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTitleText: '教育公开',
    navigationBarTextStyle: 'white',
    // Said explicitly so that H5 draws its navigation bar (title, back and home buttons) too.
    navigationStyle: 'default',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#6b6b6b',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/category/index', text: '公开目录', iconPath: 'assets/tab/catalog.png', selectedIconPath: 'assets/tab/catalog-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  // H5: no slide animation between pages. Taro's animated hide leaves a timer that can hide the
  // page a user has just gone back to (a quick browser Back), and tests run faster without it.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // weapp: privacy APIs wait for the user's agreement through onNeedPrivacyAuthorization (utils/privacy.ts).
  ...(process.env.TARO_ENV === 'weapp' ? { __usePrivacyCheck__: true } : {}),
  // weapp: inject only the code of the page being opened and the components it declares (Taro's
  // pages each declare the `comp` they render through), not every page and component at start-up.
  ...(process.env.TARO_ENV === 'weapp' ? { lazyCodeLoading: 'requiredComponents' } : {}),
  // The staff pages are opened from 我的; loading them ahead keeps the first tap quick.
  preloadRule: {
    'pages/mine/index': { network: 'all', packages: ['packages/staff'] },
  },
});

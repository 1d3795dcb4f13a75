/**
 * The NutUI components the app uses, imported one by one (their style sheets are imported once,
 * in app.ts): the whole library and its full style sheet would weigh on the main package.
 */
export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index.js';
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton/index.js';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell/index.js';
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup/index.js';

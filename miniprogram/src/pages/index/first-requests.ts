/** How many of the newest notices the home page shows. */
export const LATEST_COUNT = 6;

/**
 * What the home page asks the API for on opening, spelled as api/request.ts spells a GET: H5's
 * index.html asks for these itself while the app's code still loads (config/index.ts), and
 * request() takes those answers. No imports: the build config reads this file too.
 */
export const HOME_FIRST_GETS = [`/notices?limit=${LATEST_COUNT}`, '/topics', '/categories'];

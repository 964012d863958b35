/**
 * Builds the web app into web/dist when it is missing or older than its sources, so that the browser tests
 * work on a fresh clone. The build itself is scripts/build.mjs (plain JavaScript: `npm run build`).
 */
export { buildWeb, ensureWebBuilt, webBuildIsStale, WEB_DIST as DIST } from '../../scripts/build.mjs';

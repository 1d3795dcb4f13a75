import { createHash } from 'node:crypto';

/**
 * The public pages' one stylesheet, served from /gk/assets/ under a name with its hash (a year's
 * cache, immutable): the CSP allows no inline script, and pages stay readable without it.
 * Colours keep text at ≥ 4.5:1 on its background (links #0b4f9c on white 8.3:1, muted #4a4a4a on
 * #f4f4f4 8.1:1, white on #9e1b1b 8.3:1); sizes are in rem, the layout fluid, so at 200 % zoom
 * (640 CSS px) nothing scrolls sideways: long 索引号 and addresses wrap, wide tables scroll in their
 * own region.
 */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:1rem;line-height:1.75;color:#1f1f1f;background:#fff;overflow-wrap:anywhere;min-height:100vh;display:flex;flex-direction:column}
a{color:#0b4f9c;text-underline-offset:.15em}
a:visited{color:#5b2a86}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
main:focus{outline:none}
.skip{position:absolute;left:.5rem;top:-20rem;z-index:10;padding:.5rem 1rem;background:#fff;color:#0b4f9c;border:2px solid #1a5fb4;font-weight:700}
.skip:focus{top:.5rem}
.wrap{max-width:66rem;margin:0 auto;padding:0 1rem}
.site-header{background:#9e1b1b;color:#fff}
.site-header a,.site-header a:visited{color:#fff}
.site-name{display:inline-block;margin:.75rem 0 .25rem;font-size:1.375rem;font-weight:700;text-decoration:none}
.site-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0;padding:0 0 .625rem;list-style:none}
.site-nav a{display:inline-block;padding:.125rem 0}
main{display:block;flex:1 0 auto;padding:1rem 0 2.5rem}
.crumbs ol{display:flex;flex-wrap:wrap;margin:0 0 1rem;padding:0;list-style:none;color:#4a4a4a;font-size:.9375rem}
.crumbs li+li::before{content:"›" / "";padding:0 .5rem}
h1{margin:.25rem 0 1rem;font-size:1.625rem;line-height:1.4}
h2{margin:1.75rem 0 .75rem;font-size:1.25rem;line-height:1.4}
h3{margin:1.25rem 0 .5rem;font-size:1.0625rem;line-height:1.4}
.lead,.muted{color:#4a4a4a}
.meta{margin:0 0 1.5rem;padding:.75rem 1rem;background:#f4f4f4;border:1px solid #d6d6d6}
.meta div{display:grid;grid-template-columns:6.5em minmax(0,1fr);gap:0 1rem;padding:.125rem 0}
.meta dt{font-weight:700;color:#333}
.meta dd{margin:0}
.corrections{margin:0 0 1.5rem;padding:.75rem 1rem;border-left:4px solid #9e1b1b;background:#fdf4f4}
.corrections h2{margin-top:0}
.corrections ul{margin:0;padding-left:1.25rem}
.body img{max-width:100%;height:auto}
.body p{margin:0 0 1em}
.table-scroll{max-width:100%;overflow-x:auto;margin:0 0 1em}
table{border-collapse:collapse}
th,td{padding:.25rem .5rem;border:1px solid #bdbdbd;vertical-align:top}
.table-scroll th,.table-scroll td{min-width:4em;overflow-wrap:normal}
.list{margin:0;padding:0;list-style:none}
.list li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.125rem 1rem;padding:.625rem 0;border-bottom:1px solid #d6d6d6}
.list .title{flex:1 1 20rem}
.list .facts{color:#4a4a4a;font-size:.9375rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,19rem),1fr));gap:1rem;margin:0;padding:0;list-style:none}
.cards>li{padding:1rem;border:1px solid #d6d6d6;border-top:3px solid #9e1b1b}
.cards h3{margin:0 0 .25rem}
.cards .list li{padding:.375rem 0}
.count{color:#4a4a4a;font-weight:400;font-size:.9375rem}
.attachments{padding-left:1.25rem}
.pager ul{display:flex;flex-wrap:wrap;gap:.5rem;margin:1.5rem 0 0;padding:0;list-style:none}
.pager a,.pager span{display:inline-block;min-width:2.75rem;padding:.375rem .75rem;border:1px solid #bdbdbd;text-align:center}
.pager [aria-current]{background:#9e1b1b;border-color:#9e1b1b;color:#fff;font-weight:700}
.site-footer{padding:1rem 0 1.5rem;border-top:1px solid #d6d6d6;background:#f4f4f4;color:#4a4a4a;font-size:.9375rem}
.site-footer p{margin:.25rem 0}
@media (max-width:30rem){.meta div{grid-template-columns:minmax(0,1fr)}.meta dd{margin-bottom:.375rem}h1{font-size:1.375rem}}
@media print{.skip,.site-nav,.pager{display:none}.site-header{background:none;color:#000}.site-header a{color:#000}}
`.trim();

/** `site.<first 12 hex of its SHA-256>.css`: a new name whenever the sheet changes, so it is cached for good. */
export const SITE_CSS_NAME = `site.${createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 12)}.css`;

// Compile-time values Taro's build would have replaced.
process.env.TARO_ENV = process.env.TARO_ENV || 'h5';
process.env.TARO_APP_API_BASE = process.env.TARO_APP_API_BASE || '';
global.ENABLE_INNER_HTML = true;
global.ENABLE_ADJACENT_HTML = true;
global.ENABLE_SIZE_APIS = true;
global.ENABLE_TEMPLATE_CONTENT = true;
global.ENABLE_CLONE_NODE = true;
global.ENABLE_CONTAINS = true;
global.ENABLE_MUTATION_OBSERVER = true;
global.DEPRECATED_ADAPTER_COMPONENT = false;
// NutUI and Taro touch canvas while importing.
if (typeof HTMLCanvasElement !== 'undefined') {
  HTMLCanvasElement.prototype.getContext = () => null;
}

/* Zensical 0.0.73's inline bootstrap (partials/javascripts/base.html), moved to
   a file so that the Content-Security-Policy can forbid inline script (as
   docs/assets/javascripts/kb-scope.js does for Material). Zensical's differs
   from Material's: the scope always ends with "/", and <html> gets
   data-platform. Loaded as a classic script in <head>, before the bundle.
   The scope (the site's base URL) comes from the tag's data-scope. */
(function () {
  var tag = document.currentScript;
  var scope = new URL(tag.getAttribute("data-scope") || ".", location);
  if (!scope.pathname.endsWith("/")) scope = new URL(scope.pathname + "/", location);
  window.__md_scope = scope;
  window.__md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) {}
  };
  document.documentElement.setAttribute("data-platform", navigator.platform);
})();

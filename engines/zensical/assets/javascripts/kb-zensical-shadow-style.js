/* Zensical 0.0.73's search dialog (a web component in the bundle) styles its
   shadow root by appending a <style> element with the CSS text it carries.
   The page's policy (style-src 'self') blocks every <style> element, so the
   dialog would be unstyled. The same CSS, handed to the shadow root as a
   constructed style sheet by this file, is applied: the policy still blocks
   any style written into the markup, and only the site's own scripts (which
   already run) can add styles this way. Loaded in <head>, before the bundle. */
(function () {
  if (typeof CSSStyleSheet !== "function" || !("adoptedStyleSheets" in ShadowRoot.prototype)) return;
  var append = ShadowRoot.prototype.appendChild;
  ShadowRoot.prototype.appendChild = function (node) {
    if (node instanceof HTMLStyleElement) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(node.textContent || "");
      this.adoptedStyleSheets = this.adoptedStyleSheets.concat([sheet]);
      return node;
    }
    return append.call(this, node);
  };
})();

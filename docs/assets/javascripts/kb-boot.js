/* Runs after the theme's #__config data block and before its bundle; was an
   inline script of overrides/main.html, now a file so that the
   Content-Security-Policy can forbid inline script.

   1. Material 9.8.1 on file:// with navigation.instant enabled: the bundle runs
      setupInstantNavigation(...).subscribe(document$), which returns EMPTY on
      file:// and so completes document$ before it ever emits. Every component
      mounted from document$ (content, header, sidebars, tabs, table of
      contents, back-to-top) and every extra script that waits on document$
      then never runs in the offline bundle. Instant navigation is meant to
      switch itself off on file://: drop its features from the configuration
      there, before the bundle reads it.

   2. The practice index keeps its filters in the URL fragment. A step back or
      forward between two filter states must not reach Material's instant
      navigation, which would re-fetch and re-render the page and lose the
      keyboard focus. This listener comes before Material's; kb-index.js
      (window.kbPopstate) decides whether the step is its own. */
(function () {
  if (location.protocol === "file:") {
    try {
      var config = document.getElementById("__config");
      var data = JSON.parse(config.textContent);
      data.features = (data.features || []).filter(function (f) {
        return f.indexOf("navigation.instant") !== 0;
      });
      config.textContent = JSON.stringify(data);
    } catch (e) {}
  }
  window.addEventListener("popstate", function (ev) {
    if (typeof window.kbPopstate === "function" && window.kbPopstate()) {
      ev.stopImmediatePropagation();
    }
  });
})();

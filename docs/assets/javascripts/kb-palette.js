/*
 * kb-palette.js - Material's inline palette script (partials/javascripts/
 * palette.html, Material 9.x), as a file: the Content-Security-Policy allows
 * script files of the site only. It applies the colour scheme the reader
 * chose with the header toggle, before the page is painted. __md_get comes
 * from kb-scope.js, loaded earlier in <head>.
 */
(function () {
  "use strict";
  var palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    var media = matchMedia("(prefers-color-scheme: light)");
    var input = document.querySelector(media.matches
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    if (input) {
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
  }
  var keys = Object.keys(palette.color);
  for (var i = 0; i < keys.length; i++) {
    document.body.setAttribute("data-md-color-" + keys[i], palette.color[keys[i]]);
  }
})();

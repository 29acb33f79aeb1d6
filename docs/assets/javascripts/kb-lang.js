/* The language switcher keeps the reader on the same page, with its #fragment
   (the practice index keeps its filters there). The links are already relative
   to the page they were rendered on; after instant navigation the header may
   still hold those of an earlier page, so the target is worked out on click,
   from the current address and this script's own address (the language root). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var root = new URL("../../", script.src).href; // .../<lang>/assets/javascripts/ -> .../<lang>/
  // An offline zip of some languages sets this (generator/bundle.py): the
  // links to the languages it does not hold are hidden.
  var present = null; // kb-bundle-languages
  if (present) {
    var hide = function () {
      var links = document.querySelectorAll("a.kb-lang-link");
      for (var i = 0; i < links.length; i++) {
        if (present.indexOf(links[i].getAttribute("hreflang")) < 0) links[i].closest("li").hidden = true;
      }
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", hide);
    else hide();
  }
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a.kb-lang-link") : null;
    if (!link) return;
    var here = location.href.split("#")[0].split("?")[0];
    if (here.indexOf(root) !== 0) return;
    var page = here.slice(root.length);
    if (page === "" || page.slice(-1) === "/") page += "index.html";
    link.href = new URL("../" + link.getAttribute("hreflang") + "/" + page, root).href + location.hash;
  }, true);
})();

/* The root page: the language the browser prefers goes to the top of the
   list, marked, so that a reader finds it first; the choice stays the
   reader's (no redirect: a shared laptop's browser may prefer another). */
(function () {
  "use strict";
  var list = document.querySelector(".kb-languages");
  if (!list) return;
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    for (var j = 0; j < items.length; j++) {
      var link = items[j].querySelector("a[hreflang]");
      if (link && link.getAttribute("hreflang") === code) {
        items[j].classList.add("kb-suggested");
        list.insertBefore(items[j], list.firstChild);
        return;
      }
    }
  }
})();

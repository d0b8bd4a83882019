/* ClaimDesk pages. The reading view: selecting a highlighted claim (click, or Enter/Space on a
   focused highlight, or a claim in the side list) loads its card, and the cards of the claims
   it sits inside, into the "Selected claim" panel with htmx. Without htmx it opens the claim. */
(function () {
  "use strict";

  function textRoot() {
    return document.getElementById("source-text");
  }

  function claimChain(mark, root) {
    var ids = [];
    for (var el = mark; el && el !== root; el = el.parentElement) {
      if (el.matches("mark[data-claim]") && ids.indexOf(el.dataset.claim) < 0) {
        ids.push(el.dataset.claim);
      }
    }
    return ids;
  }

  function select(mark) {
    var root = textRoot();
    if (!root || !mark) return;
    var id = mark.dataset.claim;
    root.querySelectorAll("mark.is-selected").forEach(function (m) {
      m.classList.remove("is-selected");
    });
    root.querySelectorAll('mark[data-claim="' + CSS.escape(id) + '"]').forEach(function (m) {
      m.classList.add("is-selected");
    });
    var query = claimChain(mark, root).map(function (i) {
      return "claim=" + encodeURIComponent(i);
    }).join("&");
    if (window.htmx) {
      window.htmx.ajax("GET", root.dataset.cardsUrl + "?" + query, {
        target: "#claim-panel",
        swap: "innerHTML",
      }).then(function () {
        var panel = document.getElementById("selected-claim");
        if (panel) panel.classList.add("has-selection");
        markScrollLists(); // the panel grew: the lists beside it have less room
      });
    } else {
      window.location.href = root.dataset.claimUrl.replace("/0/", "/" + id + "/");
    }
  }

  function markFor(id) {
    return document.getElementById("mark-" + id);
  }

  document.addEventListener("click", function (event) {
    var root = textRoot();
    if (!root) return;
    var mark = event.target.closest("mark[data-claim]");
    if (mark && root.contains(mark)) {
      // Dragging to select words for copying is not a choice of claim.
      if (String(window.getSelection && window.getSelection()).length > 0) return;
      select(mark);
      return;
    }
    var button = event.target.closest("[data-select-claim]");
    if (button) {
      var target = markFor(button.dataset.selectClaim);
      if (target) {
        target.scrollIntoView({ block: "center", behavior: "smooth" });
        target.focus({ preventScroll: true });
        select(target);
      }
      return;
    }
    if (event.target.closest("[data-close-selection]")) {
      var panel = document.getElementById("selected-claim");
      if (panel) panel.classList.remove("has-selection");
    }
  });

  document.addEventListener("keydown", function (event) {
    var root = textRoot();
    if (!root || (event.key !== "Enter" && event.key !== " ")) return;
    var mark = event.target.closest && event.target.closest("mark[data-claim]");
    if (mark && root.contains(mark)) {
      event.preventDefault();
      select(mark);
    }
  });

  // A side list that scrolls says so: `scrolls`, and `more-below` / `more-above` while part of
  // it is out of sight (the stylesheet fades that edge and shows "Scroll the list…").
  function markScroll(box) {
    var hidden = box.scrollHeight - box.clientHeight;
    box.classList.toggle("scrolls", hidden > 1);
    box.classList.toggle("more-above", hidden > 1 && box.scrollTop > 1);
    box.classList.toggle("more-below", hidden > 1 && box.scrollTop < hidden - 1);
  }

  function markScrollLists() {
    document.querySelectorAll("[data-scroll-list]").forEach(markScroll);
  }

  document.addEventListener(
    "scroll",
    function (event) {
      if (event.target.matches && event.target.matches("[data-scroll-list]")) {
        markScroll(event.target);
      }
    },
    true
  );
  window.addEventListener("resize", markScrollLists);

  document.addEventListener("DOMContentLoaded", function () {
    markScrollLists();
    // On a phone the filters start folded so the results come first; without script they stay open.
    if (window.matchMedia("(max-width: 760px)").matches) {
      document.querySelectorAll("details[data-collapse-narrow]").forEach(function (d) {
        d.removeAttribute("open");
      });
    }
    var match = /^#mark-(\d+)$/.exec(window.location.hash);
    if (match && textRoot()) select(markFor(match[1]));
  });
})();

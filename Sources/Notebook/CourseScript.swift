/// The course's script, written to `Output/assets/course.js`: math, highlighting, the theme
/// toggle, copy buttons, the sidebar on a phone, folded cells in print, and search.
enum CourseScript {
    /// Runs in the page's head, before anything is drawn, so that a reader who chose a theme never
    /// sees the other one flash.
    static let themeBeforePaint =
        "try { var t = localStorage.getItem(\"course-theme\"); if (t) document.documentElement.dataset.theme = t; } catch (e) {}"

    static let text = """
        // Typesets the math, highlights the code, and wires the page's controls; all offline.
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll(".math").forEach(function (element) {
            katex.render(element.textContent, element, {
              displayMode: element.classList.contains("display"), throwOnError: false
            });
          });
          // Debian ships highlight.js 9, which names the call highlightBlock.
          var highlight = (hljs.highlightElement || hljs.highlightBlock).bind(hljs);
          document.querySelectorAll("pre code").forEach(highlight);
          setUpTheme();
          setUpCopyButtons();
          setUpSidebar();
          setUpSearch();
          // Print folded cells open.
          window.addEventListener("beforeprint", function () {
            document.querySelectorAll("details").forEach(function (d) { d.open = true; });
          });
        });

        // The theme follows the system until the reader picks one; the choice persists.
        function setUpTheme() {
          var button = document.querySelector(".theme-toggle");
          if (!button) return;
          button.addEventListener("click", function () {
            var root = document.documentElement;
            var dark = root.dataset.theme ? root.dataset.theme === "dark"
              : window.matchMedia("(prefers-color-scheme: dark)").matches;
            root.dataset.theme = dark ? "light" : "dark";
            try { localStorage.setItem("course-theme", root.dataset.theme); } catch (e) {}
          });
        }

        function setUpCopyButtons() {
          document.querySelectorAll("pre.cell-code, pre.code").forEach(function (pre) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "copy-button";
            button.textContent = "Copy";
            button.addEventListener("click", function () {
              var text = pre.querySelector("code").textContent;
              var done = function () {
                button.textContent = "Copied";
                setTimeout(function () { button.textContent = "Copy"; }, 1500);
              };
              if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(text).then(done, function () { copyBySelection(text); done(); });
              } else {
                copyBySelection(text);
                done();
              }
            });
            pre.appendChild(button);
          });
        }

        // For pages opened from disk, where the clipboard interface may be unavailable.
        function copyBySelection(text) {
          var area = document.createElement("textarea");
          area.value = text;
          document.body.appendChild(area);
          area.select();
          document.execCommand("copy");
          area.remove();
        }

        function setUpSidebar() {
          var button = document.querySelector(".menu-toggle");
          if (!button) return;
          button.addEventListener("click", function () {
            var open = document.body.classList.toggle("sidebar-open");
            button.setAttribute("aria-expanded", open ? "true" : "false");
          });
        }

        // Search: every word of the query must appear in a section; a section scores by how
        // often the words appear, in its heading more than in its text.
        function searchCourse(query) {
          var words = query.toLowerCase().split(/\\s+/).filter(function (w) { return w.length > 1; });
          if (words.length === 0) return [];
          var results = [];
          (window.courseSearchIndex || []).forEach(function (entry, order) {
            var heading = entry.heading.toLowerCase(), text = entry.text.toLowerCase();
            var score = 0;
            for (var i = 0; i < words.length; i++) {
              var inText = text.split(words[i]).length - 1, inHeading = heading.split(words[i]).length - 1;
              if (inText + inHeading === 0) return;
              score += inText + 10 * inHeading;
            }
            results.push({ entry: entry, score: score, order: order });
          });
          results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
          return results.slice(0, 12).map(function (r) { return r.entry; });
        }

        function setUpSearch() {
          var input = document.getElementById("search");
          var list = document.querySelector(".search-results");
          if (!input || !list) return;
          input.addEventListener("input", function () {
            list.innerHTML = "";
            var query = input.value.trim();
            list.hidden = query.length === 0;
            if (list.hidden) return;
            var found = searchCourse(query);
            if (found.length === 0) {
              var empty = document.createElement("li");
              empty.className = "empty";
              empty.textContent = "Nothing found";
              list.appendChild(empty);
            }
            found.forEach(function (entry) {
              var item = document.createElement("li");
              var link = document.createElement("a");
              link.href = entry.page + ".html" + (entry.anchor ? "#" + entry.anchor : "");
              link.dataset.page = entry.page;
              var lesson = document.createElement("span");
              lesson.className = "lesson";
              lesson.textContent = entry.lessonTitle;
              link.appendChild(lesson);
              link.appendChild(document.createTextNode(entry.heading));
              var snippet = document.createElement("span");
              snippet.className = "snippet";
              var at = entry.text.toLowerCase().indexOf(query.toLowerCase().split(/\\s+/)[0]);
              snippet.textContent = at < 0 ? "" : "…" + entry.text.slice(Math.max(0, at - 40), at + 80) + "…";
              link.appendChild(snippet);
              item.appendChild(link);
              list.appendChild(item);
            });
          });
          input.addEventListener("keydown", function (event) {
            if (event.key === "Escape") { input.value = ""; list.hidden = true; }
          });
        }

        """
}

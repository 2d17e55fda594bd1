/// The course's style sheet, written to `Output/assets/course.css`: light and dark themes (the
/// system's choice unless the reader toggles), the three-column layout that folds to one column
/// on a phone, code that wraps inside its box, the boxes of exercises and corrections, and print.
enum CourseStylesheet {
    /// The dark theme's colours, applied by the system's preference or by the toggle.
    private static let darkColours = """
        --ink: #e6edf3; --muted: #9198a1; --rule: #3d444d; --paper: #0d1117; --code: #151b23;
        --accent: #4493f8; --error: #ff7b72; --error-bg: #3c1618; --warn-bg: #3b2e00; --panel: #161b22;
        --exercise: #3fb950; --slide: #d29922; --note: #4493f8; --warning: #f85149;
        --code-keyword: #ff7b72; --code-string: #a5d6ff; --code-number: #79c0ff; --code-title: #d2a8ff; --code-comment: #8b949e;
        """

    static let text = """
        :root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --paper: #ffffff; --code: #f6f8fa;
                --accent: #0969da; --error: #cf222e; --error-bg: #ffebe9; --warn-bg: #fff8c5; --panel: #f6f8fa;
                --exercise: #1a7f37; --slide: #9a6700; --note: #0969da; --warning: #cf222e;
                --code-keyword: #cf222e; --code-string: #0a3069; --code-number: #0550ae; --code-title: #8250df; --code-comment: #6e7781;
                color-scheme: light; }
        :root[data-theme="dark"] { \(darkColours) color-scheme: dark; }
        @media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) { \(darkColours) color-scheme: dark; } }
        body { margin: 0; background: var(--paper); color: var(--ink);
               font: 17px/1.6 -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", Helvetica, Arial, sans-serif; }
        a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }

        /* Top bar, sidebar, contents of the page */
        .top-bar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: .75rem;
                   padding: .5rem 1rem; background: var(--paper); border-bottom: 1px solid var(--rule); }
        .course-name { font-weight: 600; color: var(--ink); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .top-bar button { background: none; border: 1px solid var(--rule); border-radius: 6px; color: var(--ink);
                          font-size: 1rem; min-width: 2.2rem; height: 2.2rem; cursor: pointer; }
        .theme-toggle::before { content: "☾"; } :root[data-theme="dark"] .theme-toggle::before { content: "☀"; }
        @media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) .theme-toggle::before { content: "☀"; } }
        .menu-toggle { display: none; }
        .search { position: relative; margin-left: auto; flex: 0 1 18rem; min-width: 6rem; }
        .search input { width: 100%; box-sizing: border-box; padding: .35rem .6rem; font: inherit; font-size: .9rem;
                        color: var(--ink); background: var(--code); border: 1px solid var(--rule); border-radius: 6px; }
        .search-results { position: absolute; right: 0; top: 2.4rem; width: min(28rem, 90vw); max-height: 70vh; overflow-y: auto;
                          margin: 0; padding: .25rem 0; list-style: none; background: var(--paper);
                          border: 1px solid var(--rule); border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.2); }
        .search-results li a { display: block; padding: .4rem .8rem; color: var(--ink); }
        .search-results li a:hover, .search-results li a:focus { background: var(--code); text-decoration: none; }
        .search-results .lesson { display: block; font-size: .8rem; color: var(--muted); }
        .search-results .snippet { display: block; font-size: .8rem; color: var(--muted); }
        .search-results .empty { padding: .4rem .8rem; color: var(--muted); }
        .layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr) 15rem; grid-template-areas: "side main toc"; }
        .sidebar { grid-area: side; position: sticky; top: 3.3rem; align-self: start; max-height: calc(100vh - 3.3rem);
                   overflow-y: auto; padding: 1rem .75rem 2rem 1rem; font-size: .88rem; border-right: 1px solid var(--rule);
                   box-sizing: border-box; }
        .sidebar ol { list-style: none; margin: 0; padding: 0; }
        .sidebar > ol > li { margin: .35rem 0; }
        .sidebar details ol { padding-left: 1rem; margin: .2rem 0 .4rem; }
        .sidebar details li { margin: .15rem 0; }
        .sidebar summary { cursor: pointer; }
        .sidebar a { color: var(--ink); } .sidebar details li a { color: var(--muted); }
        .sidebar a[aria-current="page"] { color: var(--accent); font-weight: 600; }
        .toc { grid-area: toc; position: sticky; top: 3.3rem; align-self: start; max-height: calc(100vh - 3.3rem);
               overflow-y: auto; padding: 1rem 1rem 2rem; font-size: .85rem; box-sizing: border-box; }
        .toc-title { font-weight: 600; margin: 0 0 .4rem; }
        .toc ol { list-style: none; margin: 0; padding: 0; }
        .toc li { margin: .2rem 0; } .toc li.level-3 { padding-left: .9rem; }
        .toc a { color: var(--muted); }
        main { grid-area: main; min-width: 0; max-width: 52rem; width: 100%; margin: 0 auto; padding: 0 1.5rem 3rem; box-sizing: border-box; }
        main.contents { padding-top: 1rem; }
        @media (max-width: 1200px) {
          .layout { grid-template-columns: 16rem minmax(0, 1fr); grid-template-areas: "side toc" "side main"; }
          .toc { position: static; max-height: none; padding: 1rem 1.5rem 0; max-width: 52rem; width: 100%; margin: 0 auto; }
          .toc ol { columns: 2; }
        }
        @media (max-width: 800px) {
          .layout { display: block; }
          .menu-toggle { display: inline-block; }
          .sidebar { display: none; position: fixed; top: 3.2rem; left: 0; bottom: 0; width: min(20rem, 85vw); max-height: none;
                     z-index: 9; background: var(--paper); box-shadow: 4px 0 16px rgba(0,0,0,.25); }
          body.sidebar-open .sidebar { display: block; }
          .toc ol { columns: 1; }
          main { padding: 0 1rem 2rem; }
          body { font-size: 16px; }
        }

        /* Headings and their anchors */
        h1, h2, h3 { line-height: 1.25; margin-top: 2rem; scroll-margin-top: 3.6rem; }
        h1 { font-size: 2rem; border-bottom: 1px solid var(--rule); padding-bottom: .3rem; }
        .anchor { display: inline-block; width: .8em; height: .8em; margin-left: .4rem; vertical-align: middle; opacity: 0;
                  background: var(--muted); -webkit-mask: var(--link-icon) center / contain no-repeat; mask: var(--link-icon) center / contain no-repeat; }
        h1:hover .anchor, h2:hover .anchor, h3:hover .anchor, .anchor:focus { opacity: 1; }
        :root { --link-icon: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M7.8 4.2 9.6 2.4a3.4 3.4 0 0 1 4.8 4.8l-2.5 2.5a3.4 3.4 0 0 1-4.8 0l1-1a2 2 0 0 0 2.8 0l2.5-2.5a2 2 0 0 0-2.8-2.8L8.8 5.2zM8.2 11.8l-1.8 1.8a3.4 3.4 0 0 1-4.8-4.8l2.5-2.5a3.4 3.4 0 0 1 4.8 0l-1 1a2 2 0 0 0-2.8 0L2.6 9.8a2 2 0 0 0 2.8 2.8l1.8-1.8z'/%3E%3C/svg%3E"); }
        .course-nav { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: .75rem 0; font-size: .9rem; border-bottom: 1px solid var(--rule); }
        .course-nav .next { margin-left: auto; }
        .course-nav.bottom { border-bottom: none; border-top: 1px solid var(--rule); margin-top: 2rem; }

        /* Code: wraps inside its box, never cut */
        pre { font: 14px/1.45 "DejaVu Sans Mono", Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
        pre.code, pre.cell-code { position: relative; background: var(--code); border: 1px solid var(--rule); border-radius: 6px;
                                  padding: .75rem 4rem .75rem 1rem; margin: 1rem 0 0; }
        pre code.hljs { background: transparent; padding: 0; overflow: visible; }
        .copy-button { position: absolute; top: .35rem; right: .35rem; font-size: .75rem; padding: .15rem .5rem; cursor: pointer;
                       color: var(--muted); background: var(--paper); border: 1px solid var(--rule); border-radius: 4px; opacity: .6; }
        pre:hover .copy-button, .copy-button:focus { opacity: 1; }
        details.fold { margin: 1rem 0 0; }
        details.fold > summary { cursor: pointer; color: var(--muted); font-size: .9rem; padding: .3rem .6rem;
                                 background: var(--code); border: 1px solid var(--rule); border-radius: 6px; }
        details.fold > pre.cell-code { margin-top: .3rem; }
        /* Highlighting in both themes (over highlight.js's light-only style sheet) */
        .hljs, .hljs-subst { color: var(--ink); }
        .hljs-keyword, .hljs-selector-tag { color: var(--code-keyword); font-weight: normal; }
        .hljs-string, .hljs-doctag, .hljs-regexp { color: var(--code-string); }
        .hljs-number, .hljs-literal, .hljs-built_in, .hljs-builtin { color: var(--code-number); }
        .hljs-title, .hljs-type, .hljs-class .hljs-title { color: var(--code-title); font-weight: normal; }
        .hljs-comment, .hljs-quote, .hljs-meta { color: var(--code-comment); }

        /* Outputs */
        .cell { margin: 1.25rem 0; }
        .cell-outputs { border-left: 3px solid var(--rule); margin: .25rem 0 0; padding: .25rem 0 .25rem 1rem; min-width: 0; }
        .output { margin: .4rem 0; }
        pre.output { padding: 0; }
        pre.stderr { color: #9a6700; }
        figure.output { margin: .5rem 0; }
        figure.output svg, figure.output img { max-width: 100%; height: auto; }
        /* Figures are drawn for a white page: they keep one in the dark theme. */
        figure.output svg, figure.output img { background: #ffffff; border-radius: 4px; }
        figure.image img, figure.animation img { image-rendering: pixelated; }
        figure.cell-figure { margin: 0; }
        figure.cell-figure figcaption { margin: .3rem 0 0 1rem; font-size: .9rem; color: var(--muted); }
        .figure-number { font-weight: 600; color: var(--ink); }
        .citation a, a.reference { white-space: nowrap; }
        .bibliography li { margin: .4rem 0; font-size: .92rem; overflow-wrap: anywhere; }
        .output.note { color: var(--muted); font-style: italic; font-size: .9rem; }
        table { display: block; position: relative; max-width: 100%; overflow-x: auto; width: max-content; border-collapse: collapse; margin: 1rem 0; font-size: .95rem; }
        th, td { border: 1px solid var(--rule); padding: .3rem .7rem; }
        th { background: var(--code); }
        .cell-status { margin: .4rem 0; padding: .5rem .8rem; border-radius: 6px; font-size: .9rem; }
        .cell-status pre { margin: .3rem 0 0; }
        .cell-status.error { background: var(--error-bg); color: var(--error); border: 1px solid var(--error); }
        .cell-status.expected-error { background: var(--warn-bg); border: 1px solid var(--slide); }
        .cell-status.not-run, .cell-status.skipped { color: var(--muted); background: var(--code); }
        .math.display { display: block; position: relative; text-align: center; margin: 1rem 0; overflow-x: auto; overflow-y: hidden; max-width: 100%; }
        .katex-display { overflow-x: auto; overflow-y: hidden; }
        img { max-width: 100%; }

        /* Boxes: exercises, corrections of the slides, notes, warnings */
        blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 4px solid var(--rule); }
        .admonition { margin: 1.25rem 0; padding: .6rem 1rem; background: var(--panel); border: 1px solid var(--rule);
                      border-left: 5px solid var(--accent); border-radius: 6px; }
        .admonition > p { margin: .4rem 0; }
        .admonition.exercise { border-left-color: var(--exercise); }
        .admonition.exercise::before { content: "Exercise"; }
        .admonition.slide-correction { border-left-color: var(--slide); }
        .admonition.slide-correction::before { content: "Correction to the lecture"; }
        .admonition.note { border-left-color: var(--note); }
        .admonition.note::before { content: "Note"; }
        .admonition.warning { border-left-color: var(--warning); }
        .admonition.warning::before { content: "Warning"; }
        .admonition::before { display: block; font-size: .75rem; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
        .slide-says strong { color: var(--slide); } .should-say strong { color: var(--exercise); }
        .admonition-links { font-size: .85rem; }

        /* The contents page */
        .lesson-list { list-style: none; padding-left: 0; }
        .lesson-list li { margin: 1.2rem 0; } .lesson-list li > a { font-size: 1.15rem; font-weight: 600; }
        .lesson-list li p { margin: .2rem 0; color: var(--muted); }
        .lesson-list .lesson-facts { font-size: .85rem; }
        .lesson-list .family { display: inline-block; margin: .15rem .3rem 0 0; padding: 0 .5rem; font-size: .8rem;
          border: 1px solid var(--rule); border-radius: 1rem; background: var(--code); color: var(--ink); }
        .badge.failed { color: var(--error); font-size: .8rem; }

        /* Print: no bars, nothing cut, figures kept whole */
        @media print {
          .top-bar, .sidebar, .toc, .course-nav, .copy-button, .anchor { display: none !important; }
          .layout { display: block; } main { max-width: none; padding: 0; }
          body { background: #ffffff; color: #000000; font-size: 11pt; }
          pre, code { white-space: pre-wrap; overflow: visible; }
          table, .math.display, .katex-display { overflow: visible; display: table; }
          figure, .cell-outputs, .admonition, table, pre, figcaption { break-inside: avoid; }
          h1, h2, h3 { break-after: avoid; }
        }

        """
}

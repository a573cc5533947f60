// The studio's pages are HTML made here, on the server, from strings: every
// value from a project (names, messages, file paths, values) goes through
// `escape`, so nothing a data file holds is ever read as markup.

/** Text made safe to put in an element or a quoted attribute. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A path of the studio with each part encoded: `/packs/<id>`. */
export function href(...parts: string[]): string {
  return '/' + parts.map(encodeURIComponent).join('/');
}

// Colours with at least 4.5:1 against their background (WCAG 2.2 AA), and a focus ring of 3:1
// against both the page and the controls; the layout puts the preview beside the form on a wide
// screen and under it on a narrow one.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,sans-serif;line-height:1.45;color:#1b1b1b;background:#fff}
a{color:#1d4f91}
a:hover{color:#0b2d5c}
:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:.5rem;z-index:2}
header.studio{background:#1d2e4a;color:#fff;padding:.6rem 1rem}
header.studio a{color:#fff}
main{padding:0 1rem 2rem}
.status{border-left:6px solid #1e6b33;background:#eef7f0;padding:.5rem 1rem;margin:1rem 0}
.status.refused{border-color:#b10e1e;background:#fdf0f1}
.status:empty{display:none}
table{border-collapse:collapse;margin:1rem 0}
th,td{text-align:left;padding:.35rem .7rem;border-bottom:1px solid #8a8a8a;vertical-align:top}
.workspace{display:grid;grid-template-columns:minmax(22rem,1fr) minmax(24rem,1.2fr);gap:1.5rem;align-items:start}
@media (min-width:60.01rem){.preview{position:sticky;top:0}}
@media (max-width:60rem){.workspace{grid-template-columns:1fr}}
.field{border:1px solid #8a8a8a;border-radius:4px;padding:.6rem .8rem;margin:.6rem 0}
.field label{display:block;font-weight:600}
.field input,.field textarea{font:inherit;padding:.3rem .4rem;border:2px solid #4b4b4b;border-radius:3px;max-width:100%}
.field textarea{width:100%;min-height:6rem}
.field .note{margin-top:.4rem}
.field .note label{font-weight:400}
.field button,.filter button{font:inherit;margin-top:.4rem;padding:.3rem 1rem;border:2px solid #1d4f91;background:#1d4f91;color:#fff;border-radius:3px;cursor:pointer}
.where,.help{color:#4b4b4b;margin:.2rem 0;font-size:.95rem}
.field.invalid{border-color:#b10e1e;border-width:3px}
.field.invalid input,.field.invalid textarea{border-color:#b10e1e}
.saved{border-left:6px solid #1e6b33;background:#eef7f0;padding:.3rem .6rem;margin:.3rem 0}
.error{color:#a00d1b;font-weight:600;margin:.3rem 0}
.error ul{margin:.2rem 0;font-weight:400}
iframe{width:100%;height:70vh;border:1px solid #8a8a8a}
.filter label{margin-right:.3rem}
.filter input,.filter select{font:inherit;padding:.2rem;margin-right:1rem}
`;

/** A whole page: a skip link, the studio's banner, a live region for status messages, and `main`. */
export function page(options: { title: string; main: string; status?: string; refused?: boolean }): string {
  const status = options.status ?? '';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(options.title)} – packs studio</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="studio"><a href="/">packs studio</a></header>
<main id="main">
<div class="status${options.refused ? ' refused' : ''}" role="status" aria-live="polite">${status}</div>
${options.main}
</main>
</body>
</html>
`;
}

/** A short page for a request the studio refuses or cannot answer. */
export function shortPage(title: string, message: string): string {
  return page({ title, main: `<h1>${escape(title)}</h1>\n<p>${escape(message)}</p>\n<p><a href="/">Back to the packs</a></p>` });
}

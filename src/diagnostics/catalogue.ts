// Every diagnostic code the tool emits: its severity, what it means, a message
// as printed (from the fixture that provokes it) and how to fix it. A code is a
// key of this catalogue, so a misspelt code does not compile, and a diagnostic's
// severity is the catalogue's, so no check can disagree with it. The README's
// table of codes is generated from it (`npm run codes`), and tests/catalogue.test.ts
// fails when the table differs, or when a code has no fixture printing its example.

export type Severity = 'error' | 'warning';

export interface CodeEntry {
  severity: Severity;
  /** What the code means, in one line. */
  meaning: string;
  /** A message exactly as printed, and its hint when the hint is the point. */
  example: { message: string; hint?: string };
  /** How to fix it, in Markdown (for the README). */
  fix: string;
}

export const catalogue = {
  // Fields and values of a data file (its schema).
  'unknown-field': {
    severity: 'error',
    meaning: 'a data file, a variant or a template names a field that is not there',
    example: { message: '`purpse` is not a field of role', hint: 'did you mean `purpose`?' },
    fix: 'use the spelling in the hint; in a template, a field the data does not have, e.g. `unknown field "purpose.paragraph" in template`',
  },
  'missing-field': {
    severity: 'error',
    meaning: 'a field the file must have is not there',
    example: { message: 'role is missing required field `title`' },
    fix: 'add the field',
  },
  'invalid-value': {
    severity: 'error',
    meaning: 'a value is not of the kind its field takes',
    example: { message: 'stage "interview": `date` is not a real calendar date' },
    fix: 'write the value as the message says: dates `YYYY-MM-DD`, times `"HH:MM"`, money in whole pounds',
  },
  'colon-in-text': {
    severity: 'error',
    meaning: 'a text holds a colon followed by a space, so YAML read the words before it as a field name instead of text',
    example: {
      message: 'the 2nd paragraph of stage "application" starts "Note: …": YAML reads the words before a colon and a space as a field name, not as text',
      hint: 'put the text in quotes, or start it with `|` and write the text on the lines below, indented',
    },
    fix: 'put the text in quotes (`- "Note: bring your passport"`), or write `|` and the text on the lines below, indented',
  },
  'link-not-allowed': {
    severity: 'error',
    meaning: 'a link goes somewhere a pack may not link to: a script, a file, a network share, or a heading the pack does not have',
    example: { message: 'the 1st paragraph of `purpose` links to "javascript:alert(1)": a "javascript:" link is not allowed in a pack' },
    fix: 'link only to a web page (`https://…`), an email address (`mailto:name@example.org`) or a heading of the pack (`#heading`); put a document on a web page and link to that',
  },

  // Reading a YAML file.
  'duplicate-key': {
    severity: 'error',
    meaning: 'a mapping sets the same key twice',
    example: { message: 'duplicate key "title": it is already set above in the same mapping' },
    fix: 'keep one of the two lines',
  },
  'yaml-syntax': {
    severity: 'error',
    meaning: 'the file is not well-formed YAML',
    example: {
      message: 'a list here is written where a field name should be: its `- ` lines are indented as if they belonged to the line above',
      hint: 'line up each `- ` with the other items of its list, indented under the field they belong to',
    },
    fix: 'check the indentation; quote text that contains `: ` or starts with a special character',
  },
  'key-not-a-name': {
    severity: 'error',
    meaning: 'a key is a list or a mapping, not a name',
    example: { message: 'a key here is a list; keys are names, such as "title"' },
    fix: 'check the brackets and any `?` at the start of the line: a key is a name followed by a colon',
  },
  'unknown-tag': {
    severity: 'error',
    meaning: 'a value carries a YAML tag such as `!upper`',
    example: { message: 'unknown tag !upper' },
    fix: 'data files use plain values; remove the tag',
  },
  'yaml-version': {
    severity: 'warning',
    meaning: 'the file asks for another YAML version than 1.2, which is what is read',
    example: { message: 'the %YAML 1.1 directive is ignored: data files are read as YAML 1.2 (so "No" stays text and "<<" is an ordinary key)' },
    fix: 'remove the `%YAML` line (`No` stays the text "No")',
  },
  'too-deeply-nested': {
    severity: 'error',
    meaning: 'the data nests lists and mappings deeper than 20 levels, or deeper than it can be read',
    example: { message: 'the data is nested too deeply to read' },
    fix: 'check for runaway brackets or indentation',
  },
  'text-too-deeply-nested': {
    severity: 'error',
    meaning: 'a text nests lists or quotes (`- `, `1. `, `> `) deeper than 8 levels',
    example: { message: 'this text nests lists or quotes 2,000 levels deep; text may nest them at most 8 levels' },
    fix: 'a line starting `- `, `* `, `1. ` or `>` starts a list or a quote: check for repeated markers',
  },
  'subtitle-too-long': {
    severity: 'error',
    meaning: "a pack's subtitle is too long for the footer of every page that prints it",
    example: { message: "the subtitle is 130 characters long; it is printed in every page's footer, so it may have at most 120" },
    fix: 'shorten the subtitle in `pack.yaml` to the name of the selection process',
  },
  'paragraph-too-long': {
    severity: 'error',
    meaning: 'a paragraph is longer than 10,000 characters',
    example: { message: 'this paragraph is 12,000 characters long; a paragraph may have at most 10,000' },
    fix: 'split it into shorter paragraphs: a blank line between them, or separate items of the list',
  },
  'hidden-character': {
    severity: 'error',
    meaning: 'the text holds an invisible character that changes how it reads',
    example: { message: 'invisible character U+202E in the text' },
    fix: 'delete it (usually pasted in); if it is meant, add the line `# packs: allow-hidden-characters` to the file',
  },
  'missing-glyph': {
    severity: 'error',
    meaning: "the text holds a character the PDF's font has no glyph for, which the PDF would print as an empty box",
    example: {
      message: '"我" (U+6211, Chinese script) cannot be printed: the PDF\'s font has no glyph for it',
      hint: "the PDF's font has Latin letters (with Welsh and Polish), Greek and Cyrillic; write the text in those, or publish it apart from the pack",
    },
    fix: 'write the text in Latin (Welsh and Polish included), Greek or Cyrillic letters; Arabic, Urdu, Bengali, Punjabi, Chinese and other scripts, and emoji, cannot be printed yet, so publish such text apart from the pack',
  },
  'too-many-aliases': {
    severity: 'error',
    meaning: 'the file repeats its aliases (`*name`) so often that reading it would never end',
    example: { message: 'packs/shared/values.yaml expands its aliases (*name) too many times' },
    fix: 'write the values out',
  },
  'invalid-encoding': {
    severity: 'error',
    meaning: 'the file is not UTF-8 text',
    example: { message: 'packs/shared/organisation.yaml is not UTF-8 text' },
    fix: 'save the file as UTF-8',
  },
  'file-too-large': {
    severity: 'error',
    meaning: 'a data file or template is bigger than any a person writes (1 MB)',
    example: { message: 'packs/shared/values.yaml is 1800000 bytes; data files may be at most 1048576 bytes' },
    fix: 'check it is the right file',
  },

  // Files and images a pack names.
  'file-not-found': {
    severity: 'error',
    meaning: 'a data file or image a pack names does not exist',
    example: { message: 'role file not found: roles.yaml' },
    fix: 'paths in `pack.yaml` are relative to the pack folder, and an image\'s to the file that names it',
  },
  'file-unreadable': {
    severity: 'error',
    meaning: 'a data file, template or image is there, but the system does not let the tool read it',
    example: { message: 'packs/sample-pack/role.yaml cannot be read: permission denied' },
    fix: "check the file's permissions, and its folder's: the user running `packs` must be allowed to read them",
  },
  'file-outside-project': {
    severity: 'error',
    meaning: 'a data file, image or template is outside the project folder, or a symbolic link to a file outside it (or is an address)',
    example: { message: 'organisation file "../../../organisation.yaml" is outside the project' },
    fix: 'keep data, images and templates inside the project',
  },
  'not-a-file': {
    severity: 'error',
    meaning: 'a data file, template, partial or image is a named pipe, a folder or a device, not an ordinary file',
    example: { message: 'packs/shared/values-2022.yaml is a folder, not a file' },
    fix: 'put the file itself in its place; the tool never opens anything but an ordinary file, so a pipe cannot hold it up',
  },
  'not-an-image': {
    severity: 'error',
    meaning: 'an image file is not a PNG or JPEG image',
    example: { message: 'image packs/shared/images/chart.png: it is a GIF image, not a PNG or JPEG image' },
    fix: 'export the picture as PNG (charts) or JPEG (photographs)',
  },
  'image-truncated': {
    severity: 'error',
    meaning: 'an image file stops before its end',
    example: { message: 'image packs/shared/images/chart.png: the PNG file ends inside its IDAT chunk' },
    fix: 'the file was not saved or copied completely: do it again',
  },
  'image-damaged': {
    severity: 'error',
    meaning: 'an image file is damaged',
    example: { message: 'image packs/shared/images/chart.png: the PNG file\'s IDAT chunk fails its checksum' },
    fix: 'export it again from the program that made it',
  },
  'image-too-large': {
    severity: 'error',
    meaning: 'an image file is bigger than 10 MB',
    example: { message: 'image packs/shared/images/chart.png is 11.0 MB; images may be at most 10 MB' },
    fix: 'save it with fewer pixels, or as JPEG for a photograph',
  },
  'image-too-many-pixels': {
    severity: 'error',
    meaning: 'an image has more than 25 megapixels',
    example: { message: 'image packs/shared/images/chart.png: it is 6000 × 5000 pixels (30.0 megapixels); the limit is 25 megapixels' },
    fix: 'scale it down: 2,500 pixels across is plenty for A4',
  },
  'svg-refused': {
    severity: 'error',
    meaning: 'an SVG logo holds something that runs or fetches: a script, an event handler, a foreignObject, entities, or a reference outside the drawing',
    example: { message: 'image packs/shared/logo.svg: it holds a script' },
    fix: 'save the drawing as plain SVG (text and shapes only), or export it as PNG',
  },
  'font-unusable': {
    severity: 'error',
    meaning: 'a font file a theme gives cannot be embedded: not a font, a collection or web font, PostScript outlines, a licence that forbids embedding, or over 20 MB',
    example: { message: 'font packs/shared/fonts/Sample-Regular.ttf is not a font file that can be read' },
    fix: 'give the TrueType (.ttf) files the font came with, one per face, under an open licence',
  },
  'low-contrast': {
    severity: 'error',
    meaning: 'a theme\'s text colour on its background is below WCAG AA contrast (4.5:1, or 3:1 for large text)',
    example: {
      message: 'theme colour muted #999999 on white has a contrast of 2.84:1; text needs at least 4.5:1',
      hint: 'use a darker muted colour: #767676 is the nearest shade that reaches 4.5:1',
    },
    fix: 'darken the text colour (or lighten its background) to the shade the hint names, or darker',
  },
  'image-not-declared': {
    severity: 'error',
    meaning: 'a template shows an image that no data file names (so it was never checked)',
    example: { message: 'section "cover" shows the image "images/logo.png", which no data file names' },
    fix: 'name images in a data file\'s `image:` field and print that field',
  },
  'out-of-memory': {
    severity: 'error',
    meaning: 'building a pack needed more memory than a worker thread may use',
    example: { message: 'building met-dac-2021 needed more than the 256 MB a worker thread may use' },
    fix: 'build that pack with `--jobs 1`, and check its images are no larger than they need to be',
  },
  'wrong-schema': {
    severity: 'warning',
    meaning: 'a data file names the JSON Schema of another kind of file for editors',
    example: { message: 'this role file names the schema pack.schema.json' },
    fix: 'name the schema of the file\'s kind on its first line',
  },
  'placeholder-text': {
    severity: 'warning',
    meaning: 'a text still holds the placeholder `packs new` put there ("Replace this with …"), which would be printed as it is',
    example: {
      message: 'this text is still the starter\'s placeholder: "Replace this with the role\'s title"',
      hint: 'write the pack\'s own words here, or delete the line if the field may be left out',
    },
    fix: 'write your own words in place of each "Replace this with …" (or delete the line where the field may be left out); `--strict` refuses a pack that still has one',
  },
  'pack-id-mismatch': {
    severity: 'error',
    meaning: 'the `id:` in `pack.yaml` is not the name of its folder',
    example: { message: 'pack id "sample-pack-2021" does not match its folder name "sample-pack"' },
    fix: 'make `id:` and the folder name the same',
  },
  'template-not-found': {
    severity: 'error',
    meaning: 'a section names a template that does not exist',
    example: {
      message: 'template "role-profiles" not found (looked for packs/sample-pack/templates/role-profiles.md.hbs and templates/sections/role-profiles.md.hbs)',
      hint: 'did you mean "role-profile"?',
    },
    fix: 'use a template from `templates/sections/` (without `.md.hbs`)',
  },

  // What ties the files together.
  'unknown-competency': {
    severity: 'error',
    meaning: 'a role cites a competency its framework does not have',
    example: { message: 'unknown competency "We analyse criticaly" in framework sample-framework', hint: 'did you mean "We analyse critically"?' },
    fix: 'use the competency\'s id, or its name or alias in the framework the pack names',
  },
  'unknown-level': {
    severity: 'error',
    meaning: 'a role cites a level its framework does not give for that competency',
    example: { message: 'level 2 does not exist for "We analyse critically" in framework sample-framework', hint: 'levels: 1' },
    fix: 'cite a level the framework gives for that competency',
  },
  'duplicate-competency': {
    severity: 'error',
    meaning: 'a role cites the same competency twice (perhaps by two of its names)',
    example: {
      message: 'competency "We collaborate" is cited more than once in this role',
      hint: '"We are collaborative" is another name of it, and it is cited above at level 2; cite each competency once, at the level the role asks for',
    },
    fix: 'keep one citation of the competency, at the level the role asks for',
  },
  'unknown-indicator-kind': {
    severity: 'error',
    meaning: 'a framework level lists indicators of a kind the framework does not declare in `indicatorKinds`',
    example: {
      message: 'level 1 of "We collaborate" lists indicators of kind "efective", which framework sample-framework does not declare',
      hint: 'did you mean "effective"?',
    },
    fix: 'use a kind id from the framework\'s `indicatorKinds` (or declare the kind there); a framework that declares no kinds lists each level\'s `behaviours:`',
  },
  'wrong-cluster': {
    severity: 'error',
    meaning: 'a role places a competency in a cluster it is not in',
    example: {
      message: '"We collaborate" is not in cluster "Thinking clearly" in framework sample-framework',
      hint: '"We collaborate" is in "Working with people"',
    },
    fix: 'give the competency\'s own cluster, or `cluster: null`',
  },
  'unknown-cluster': {
    severity: 'error',
    meaning: 'a framework puts a competency in a cluster it does not list',
    example: { message: 'unknown cluster "thinkin" in framework sample-framework' },
    fix: 'in a framework, use one of its `clusters` ids',
  },
  'missing-cluster': {
    severity: 'error',
    meaning: 'a framework that groups competencies in clusters leaves one out',
    example: { message: 'competency "We analyse critically" has no cluster, but framework sample-framework groups competencies in clusters' },
    fix: 'add `cluster:` to the competency',
  },
  'unknown-value': {
    severity: 'error',
    meaning: 'a role cites a value its values set does not have',
    example: { message: 'unknown value "Honesty" in values set sample-values' },
    fix: 'cite a value of the values set the pack names',
  },
  'duplicate-id': {
    severity: 'error',
    meaning: 'two things that need their own ids share one',
    example: { message: 'stage id "application" is used more than once' },
    fix: 'give each stage, pay item, competency, level, value or variant its own id',
  },
  'timeline-order': {
    severity: 'error',
    meaning: 'a stage is not later than the one before it',
    example: { message: 'stage "Interview" (2021-07-05) is not after stage "Application" (2021-07-05)' },
    fix: 'stages are listed in order, each later than the one before: closing date, then shortlisting, then interview',
  },
  'unknown-stage': {
    severity: 'error',
    meaning: 'a timeline names a stage it does not have, or one that is not earlier',
    example: { message: 'unknown stage "applications"', hint: 'stages: application, interview' },
    fix: '`applications.closingStage` names the stage that closes applications, and `after:` an earlier stage',
  },
  'unknown-post': {
    severity: 'error',
    meaning: 'a post of the structure chart reports to a post the structure does not have',
    example: { message: 'post "deputy-chief-constable" reports to "chief-constabel", which is not a post of the structure', hint: 'did you mean "chief-constable"?' },
    fix: '`reportsTo:` names another post by its `id:`; the post at the top has `reportsTo: null`',
  },
  'reporting-cycle': {
    severity: 'error',
    meaning: 'posts of the structure chart report to each other in a circle, so none of them is under the top post',
    example: { message: 'posts report to each other in a circle: "director" → "deputy" → "director"', hint: 'one post is at the top, with `reportsTo: null`; every other post reports to a post above it' },
    fix: 'one post is at the top, with `reportsTo: null`; every other post reports to a post above it',
  },
  'several-top-posts': {
    severity: 'error',
    meaning: 'more than one post of the structure chart reports to no one, and a chart has one top',
    example: { message: 'the structure has 2 posts at the top ("chief-constable", "chief-executive"); a chart has one', hint: 'give "chief-executive" the post it reports to in `reportsTo:`, such as chief-constable' },
    fix: 'give every post but the top one the post it reports to, in `reportsTo:`',
  },
  'structure-chart-too-wide': {
    severity: 'warning',
    meaning: 'the structure chart has so many posts side by side, each with reports of its own, that its boxes would be too narrow to read',
    example: {
      message: 'the structure chart is too wide to read: its boxes would be 41 pt wide (80 at least), with 10 posts side by side under "chief-executive"',
      hint: 'list fewer posts, such as the top two levels; or remove `posts:` and give the chart a picture in `chart: image:`',
    },
    fix: 'posts with no reports of their own are stacked in columns, but posts that have reports stand side by side: list fewer posts, or draw the chart yourself and give it as `chart: image:` (with `alt:`) in place of `posts:`',
  },
  'stage-text': {
    severity: 'error',
    meaning: 'stage text uses a `{{...}}` it cannot fill',
    example: { message: 'stage "interview" text uses {{time}}, but the stage has no time' },
    fix: 'stage text may use `{{date}}`, `{{time}}`, `{{weekday}}` and `{{when}}` (weekday and date together) of a stage that has them',
  },
  'unknown-placeholder': {
    severity: 'error',
    meaning: 'a benefit\'s text or the application instructions use a `{{...}}` they cannot fill',
    example: {
      message: 'benefit "leave" text uses {{annual-leeve}}, which is not one of its figures',
      hint: 'did you mean {{annual-leave}}?',
    },
    fix: 'a benefit\'s text may say `{{name}}` (or `{{name.number}}`) for each figure under its `figures:`; the application instructions may say `{{email}}`, `{{portal}}` or `{{address}}` (the way of applying given), `{{date}}`, `{{time}}` and `{{weekday}}`',
  },
  'unused-figure': {
    severity: 'warning',
    meaning: 'a benefit gives a figure its text never prints',
    example: {
      message: 'benefit "leave" has a figure "carry-over" that its text never prints',
      hint: 'write {{carry-over}} in the text where it belongs, or take the figure out',
    },
    fix: 'say `{{name}}` in the benefit\'s text where the figure belongs, or remove the figure',
  },
  'stage-span': {
    severity: 'error',
    meaning: 'a stage held over several days does not end after it starts',
    example: {
      message: 'stage "Interview" ends on 12 July 2021, before it starts (14 July 2021)',
      hint: 'set `endDate:` to the last day of the stage, after `date:`, its first',
    },
    fix: '`date:` is the first day of the stage and `endDate:` the last, later day; a one-day stage has no `endDate:`',
  },
  'non-working-day': {
    severity: 'error',
    meaning: 'a stage is on a weekend, a bank holiday or a closure day',
    example: {
      message: 'stage "Application" is on Monday 3 May 2021, a non-working day: Early May bank holiday (Sample bank holidays)',
    },
    fix: 'move it to a working day, or add `allowNonWorkingDay: true` and a `reason:`',
  },
  'missing-reason': {
    severity: 'error',
    meaning: 'a stage allowed on a non-working day does not say why',
    example: { message: 'stage "Interview" may fall on a non-working day, but gives no reason' },
    fix: 'add `reason:`',
  },
  'gap-too-short': {
    severity: 'error',
    meaning: 'a stage comes fewer working days after another (after its last day, when it is held over several) than it asks for',
    example: {
      message: 'stage "Interview" is 2 working days after stage "Application"; this pack asks for at least 3 working days',
      hint: 'move it to 8 July 2021 or later',
    },
    fix: 'move the date, or change the stage\'s `after:`',
  },
  'calendar-gap': {
    severity: 'warning',
    meaning: 'a stage\'s date is in a year the pack\'s calendars do not cover',
    example: {
      message:
        '2022-07-05 is outside the bank-holiday lists of this pack (Sample bank holidays: 2021-01-01 to 2021-12-31), so it is not checked against bank holidays',
    },
    fix: 'add that year\'s bank holidays to a calendar',
  },
  'date-in-past': {
    severity: 'warning',
    meaning: 'a stage\'s date is before today (or the day given with `--today`)',
    example: { message: 'stage "Application" is on 2021-07-05, which is before today (2021-07-10)' },
    fix: 'update the date, or check with `--today`',
  },
  'typed-date': {
    severity: 'warning',
    meaning: 'stage text types the stage\'s date (or, for a stage over several days, one of its days) instead of saying `{{date}}`',
    example: { message: 'stage "interview" text types its date ("14th July 2021")' },
    fix: 'write `{{date}}`, so the text follows the stage\'s date',
  },
  'conflicting-date': {
    severity: 'error',
    meaning: 'stage text types a date that is not the stage\'s (nor, for a stage over several days, one of its days)',
    example: { message: 'stage "interview" text says "15th July 2021", but the stage\'s date is 14 July 2021' },
    fix: 'write `{{date}}`',
  },
  'conflicting-figure': {
    severity: 'error',
    meaning: 'text types a pay figure that is not the pay scale\'s',
    example: { message: 'this text gives Basic Pay as £55,000, but the pay scale says £50,000' },
    fix: 'state each figure once, in the pay scale',
  },

  // Pay.
  'unknown-grade': {
    severity: 'error',
    meaning: 'the salary names a grade the pay scale does not have',
    example: { message: 'unknown grade "inspecter" in pay scale packs/shared/pay-scale.yaml', hint: 'did you mean "inspector"?' },
    fix: 'use a grade id of the pay scale',
  },
  'no-rate-in-force': {
    severity: 'error',
    meaning: 'no rates of the grade are in force on the salary\'s date',
    example: { message: 'no rates of "Inspector" are in force on 2020-06-01: the first take effect on 2020-09-01' },
    fix: 'set `salary.on` to a day some rates are in force',
  },
  'unknown-figure': {
    severity: 'error',
    meaning: 'a pay item or rate names a figure the pay scale does not list',
    example: { message: '"london-weightings" is not a figure of pay scale packs/shared/pay-scale.yaml' },
    fix: 'use a figure id the scale lists under `figures`',
  },
  'missing-rate': {
    severity: 'error',
    meaning: 'the rates in force do not give a figure the salary uses',
    example: { message: 'pay scale packs/shared/pay-scale.yaml gives no "london-weighting" for "Inspector" in the rates from 2021-04-01' },
    fix: 'add the amount to those rates',
  },
  'rate-order': {
    severity: 'error',
    meaning: 'a grade\'s rates are not listed oldest first',
    example: { message: 'rates of grade "inspector" must be listed oldest first: 2020-04-01 is not after 2020-09-01' },
    fix: 'add pay awards at the end, with their date',
  },
  'no-pay-scale': {
    severity: 'error',
    meaning: 'the salary takes its figures from a pay scale the pack does not name',
    example: { message: 'the salary takes its figures from a pay scale, but pack.yaml names none' },
    fix: 'add `payScale:` under `data:`',
  },
  'inverted-range': {
    severity: 'error',
    meaning: 'a pay range\'s minimum is above its maximum',
    example: { message: 'Basic Pay of grade "inspector" from 2021-04-01: its minimum (£32,000) is above its maximum (£28,650)' },
    fix: 'write the lowest amount under `minimum:` and the highest under `maximum:`',
  },
  'pay-points-order': {
    severity: 'error',
    meaning: 'a band\'s pay points are not listed lowest first',
    example: { message: 'Basic Pay of grade "inspector" from 2021-04-01: point "point-3" (£29,500) is not above the point before it, "point-2" (£30,400)' },
    fix: 'list the points lowest first, each above the one before',
  },
  'unknown-location': {
    severity: 'error',
    meaning: 'a salary or a figure names a location the pay scale does not list',
    example: { message: 'unknown location "londn" in pay scale packs/shared/pay-scale.yaml', hint: 'did you mean "london"?' },
    fix: 'use a location id the scale lists under `locations`, or add the location there',
  },
  'missing-location': {
    severity: 'error',
    meaning: 'the pay scale gives a figure by location, and the salary names none',
    example: { message: 'pay scale packs/shared/pay-scale.yaml gives Basic Pay by location (national, london), but the salary names no location' },
    fix: 'add `location:` under `salary:`',
  },

  // Templates.
  'dynamic-partial': {
    severity: 'error',
    meaning: 'a template picks a partial from the data at run time',
    example: { message: 'a partial chosen at run time ({{> (...)}}) is not allowed' },
    fix: 'name the partial',
  },
  'unsupported-template-syntax': {
    severity: 'error',
    meaning: 'a template defines a partial or a decorator of its own: `{{#*inline}}`, `{{#> ...}}`, `{{> @partial-block}}`, `{{* ...}}`',
    example: { message: 'an inline partial ({{#*inline}}) is not allowed' },
    fix: 'put the text in a partial file, `templates/partials/<name>.hbs`, and use it with `{{> name}}`',
  },
  'unknown-helper': {
    severity: 'error',
    meaning: 'a template calls a helper that templates may not use',
    example: { message: 'unknown helper "uppercase"' },
    fix: 'templates may use only `if`, `unless`, `each` and `with`',
  },
  'partial-not-found': {
    severity: 'error',
    meaning: 'a template uses a partial that does not exist',
    example: { message: 'partial "paragraph" not found' },
    fix: 'partials are `templates/partials/<name>.hbs`',
  },
  'template-syntax': {
    severity: 'error',
    meaning: 'a template is not well-formed Handlebars',
    example: { message: 'each doesn\'t match if' },
    fix: 'close each `{{#...}}` with its own `{{/...}}`',
  },
  'template-error': {
    severity: 'error',
    meaning: 'a template could not be rendered',
    example: { message: '{{#if}} needs one value to test, like {{#if role.title}}' },
    fix: 'give each `{{#if}}`, `{{#unless}}`, `{{#each}}` and `{{#with}}` the one value it works on',
  },
  'template-too-costly': {
    severity: 'error',
    meaning: 'a template would take too long or too much memory to render: `{{#each @root}}`, `{{#each}}` nested more than 4 deep, or a section repeating text more than 100,000 times or making more than 1,000,000 characters',
    example: { message: '{{#each @root}} goes through the whole data, which is not allowed' },
    fix: 'go through one list at a time, like `{{#each role.responsibilities}}`; an `{{#each}}` inside another multiplies what it repeats',
  },
  'partial-uses-itself': {
    severity: 'error',
    meaning: 'a partial includes itself, directly or through other partials, so it would never end',
    example: { message: 'partial "loop" uses itself' },
    fix: 'take the `{{> ...}}` of the partial out of itself (or out of the partials it uses)',
  },
  'unsupported-markdown': {
    severity: 'error',
    meaning: 'a template renders Markdown that packs cannot print',
    example: { message: 'section "cover" renders a code block, which packs cannot print' },
    fix: 'use headings, paragraphs, lists, tables, bold, italic, links',
  },
  'table-too-large': {
    severity: 'error',
    meaning: 'a section renders a table of more than 500 rows or 10 columns',
    example: { message: 'section "selection-process" renders a table of 600 rows; a table may have at most 500 rows' },
    fix: 'shorten the list or the text the table is made from, or split it into smaller tables',
  },

  // Variants.
  'variant-cannot-set': {
    severity: 'error',
    meaning: 'a variant sets a field that a variant may not change',
    example: { message: 'a variant cannot set `pack.data.role`: a variant draws on the same files as its pack' },
    fix: 'set only the fields that differ; a variant\'s id is its own `id:`, and a pack drawing on other files is a pack of its own',
  },
  'variant-not-found': {
    severity: 'error',
    meaning: 'a variant was found, but `pack.yaml` no longer declares it when the pack is read',
    example: { message: 'pack.yaml declares no variant "met-dac-2021-frontline-policing"' },
    fix: '`pack.yaml` changed while a command ran: run it again',
  },

  // The tool itself.
  'internal-error': {
    severity: 'error',
    meaning: 'a fault in packs itself (not a mistake in the pack) stopped one pack; the other packs were still checked and built',
    example: { message: "packs stopped on sample-pack with an internal error (TypeError: Cannot read properties of undefined (reading 'text'))" },
    fix: 'report it to whoever looks after packs, with the message and the pack\'s files',
  },
} as const satisfies Record<string, CodeEntry>;

/** A diagnostic code: a key of the catalogue. */
export type DiagnosticCode = keyof typeof catalogue;

export const diagnosticCodes = Object.keys(catalogue) as DiagnosticCode[];

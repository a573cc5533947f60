// A role profile: purpose, accountabilities, the behaviours (competencies at
// levels) the role asks for, and what a candidate needs to bring.
import { z } from 'zod';
import { id, markdown, paragraphs, text } from './common.js';
import { levelId } from './framework.js';

const noted = {
  note: markdown
    .nullable()
    .default(null)
    .describe('A line printed in italics under the part\'s heading, such as "(This section summarises the key function of the role)"; null for none.'),
};

export const roleSchema = z.strictObject({
  id: id.describe('An id for this role profile, such as planning-officer.'),
  title: text.describe('The role\'s title, such as "Planning Officer": printed under the profile title (when there is one) and written into the PDF and Word files.'),
  organisation: text.describe('The organisation the role is in, printed under the profile title (when there is one), such as "Riverside Borough Council".'),
  profileTitle: text
    .nullable()
    .default(null)
    .describe('A title printed in bold at the head of the role profile, above the organisation and the role\'s title, such as "Role profile"; null for none.'),
  purpose: z
    .strictObject({
      ...noted,
      paragraphs: paragraphs.min(1).describe('What the role is for, one list item (a line starting "- ") for each paragraph.'),
    })
    .describe('The role\'s purpose, printed under "Role Purpose": an optional note and its paragraphs.'),
  accountabilities: z
    .strictObject({
      ...noted,
      items: z
        .array(markdown)
        .min(1)
        .describe('The responsibilities, one list item each, such as "Lead a team of six planning officers."'),
    })
    .nullable()
    .default(null)
    .describe('The role\'s main responsibilities, printed as a bulleted list under "Primary Accountabilities"; null for none.'),
  behaviours: z
    .strictObject({
      ...noted,
      paragraphs: paragraphs.default([]).describe('Paragraphs printed before the table of competencies; none unless given.'),
      competencies: z
        .array(
          z.strictObject({
            competency: text.describe('The competency, by its id, its name or an alias in the pack\'s framework, such as "We work together".'),
            cluster: text
              .nullable()
              .default(null)
              .describe(
                'The cluster the competency is in, by its id or name, such as "Leading people", checked against the framework (the table takes its clusters from the framework); null to leave it out.',
              ),
            level: levelId.describe('The level the role asks for, by the level\'s id or name in the framework, such as 3 or "Level 3".'),
          }),
        )
        .min(1)
        .describe('The competencies the role asks for, each once, with its level: printed as a table, and in the framework section.'),
      values: z
        .array(text)
        .default([])
        .describe('The values of the pack\'s values set this role asks for, by id or name: printed as a list after the table of competencies.'),
      closing: paragraphs
        .default([])
        .describe('Paragraphs printed after the table of competencies, such as what the levels mean.'),
    })
    .describe('The behaviours the role asks for, printed under "Behaviours": paragraphs, a table of competencies at their levels, and values.'),
  education: z
    .strictObject({
      heading: text.describe('The part\'s heading, such as "Education, qualifications, skills and experience".'),
      ...noted,
      experienceHeading: text.describe('The heading over the list of experience, such as "Prior education and experience".'),
      experience: z
        .array(markdown)
        .min(1)
        .describe('The education and experience a candidate needs, printed as a bulleted list, such as "A degree in town planning."'),
      skills: z
        .array(markdown)
        .default([])
        .describe('The skills the role needs, printed as a bulleted list under "Skills", such as "Able to explain planning law to residents."; none unless given.'),
    })
    .nullable()
    .default(null)
    .describe('The education, experience and skills the role needs, printed as a part of the profile with its own heading; null for none.'),
  cpd: z
    .strictObject({
      heading: text.describe('The part\'s heading, such as "Continuing Professional Development (CPD)".'),
      ...noted,
      paragraphs: paragraphs.default([]).describe('Paragraphs printed under the heading, before the groups; none unless given.'),
      groups: z
        .array(
          z.strictObject({
            title: text.describe('The group\'s heading, such as "Personal skills".'),
            items: z
              .array(markdown)
              .min(1)
              .describe('The activities in the group, printed as a bulleted list, such as "Take part in a mentoring scheme."'),
          }),
        )
        .min(1)
        .describe('Groups of development activities, each a heading and a bulleted list.'),
    })
    .nullable()
    .default(null)
    .describe('The continuing professional development the role holder is expected to do, printed as a part of the profile with its own heading; null for none.'),
  eligibility: z
    .strictObject({
      paragraphs: paragraphs.min(1).describe('Who may apply, such as "Applications are open to all council staff.", one list item (a line starting "- ") for each paragraph.'),
    })
    .nullable()
    .default(null)
    .describe('Who may apply for the role, printed under "Eligibility"; null for none.'),
  assessment: paragraphs
    .default([])
    .describe('How applications are assessed against the framework, printed in the framework section after its introduction; none unless given.'),
});

export type Role = z.infer<typeof roleSchema>;

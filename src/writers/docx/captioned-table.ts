// A Word table with a caption: w:tblCaption, which Word shows as the table's
// alt-text title and a screen reader announces on entering the table. docx 9.15.2
// has no option for it (its TableProperties names the element only in a schema
// comment), so this table adds it to its properties as docx serialises them.
import { Table, type IContext, type ITableOptions, type IXmlableObject } from 'docx';

export class CaptionedTable extends Table {
  private readonly caption: string;

  constructor({ caption, ...options }: ITableOptions & { caption: string }) {
    super(options);
    this.caption = caption;
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const xml = super.prepForXml(context);
    const children: unknown = xml?.['w:tbl'];
    const properties = Array.isArray(children) ? children.find((child: IXmlableObject) => 'w:tblPr' in child) : undefined;
    if (!properties || !Array.isArray(properties['w:tblPr'])) throw new Error('docx wrote a table without w:tblPr: the caption has nowhere to go');
    const list = properties['w:tblPr'] as IXmlableObject[];
    // The schema puts tblCaption last of the table's properties, before only a tracked change of them.
    const change = list.findIndex((child) => 'w:tblPrChange' in child);
    list.splice(change === -1 ? list.length : change, 0, { 'w:tblCaption': { _attr: { 'w:val': this.caption } } });
    return xml;
  }
}

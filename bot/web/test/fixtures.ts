/**
 * Documents made at test time: a DOCX with a distinctive (fictional) fact, so a citation of it can only
 * come from the upload, and a broken "DOCX" (zip magic, no zip inside).
 */
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';

/** The distinctive fact and a phone-style question that should retrieve it. */
export const UPLOAD_FACT = {
  title: 'Hướng dẫn thẻ thư viện số thử nghiệm',
  section: 'Hồ sơ đăng ký thẻ thư viện số',
  text: 'Hồ sơ đăng ký thẻ thư viện số thử nghiệm gồm mẫu đơn TV-42 và một ảnh chân dung; thư viện số trả thẻ trong ngày.',
  question: 'dang ky the thu vien so can mau don gi',
};

export async function factDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: UPLOAD_FACT.title, heading: HeadingLevel.TITLE }),
          new Paragraph({ text: UPLOAD_FACT.section, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: UPLOAD_FACT.text }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** Starts like a zip (so it passes the type check) but cannot be opened: only the parser can reject it. */
export const BROKEN_DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('this is not a real word document'),
]);

/**
 * A small, realistic, hand-made corpus for the ranking and format tests: sections of the 2024 plan
 * (53/KH-UBND) and field chunks of a few procedure sheets. Not used outside tests.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbedder } from './embedder.ts';
import { indexTextOf } from './index-text.ts';
import { writeIndex, type BuildInput } from './index-writer.ts';
import type { IndexedDocument } from './format.ts';
import type { Chunk, DocumentMeta, ProcedureField } from './types.ts';
import type { Embedder } from './embedder-types.ts';

const baseMeta = {
  issuer: null,
  issueDate: null,
  effectiveDate: null,
  expiryDate: null,
  supersededBy: null,
  sourceUrl: null,
  inferred: [] as string[],
};

export const PLAN: DocumentMeta = {
  ...baseMeta,
  id: 'plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai',
  title: 'Kế hoạch chuyển đổi số tỉnh Đồng Nai năm 2024',
  number: '53/KH-UBND',
  issuer: 'UBND tỉnh Đồng Nai',
  issueDate: '2024-02-15',
  type: 'plan',
  audience: 'officials',
  sourcePath: 'plans/ke-hoach-53-KH-UBND-2024-chuyen-doi-so-dong-nai.txt',
};

const procedure = (slug: string, title: string): DocumentMeta => ({
  ...baseMeta,
  id: `procedures/${slug}`,
  title,
  number: null,
  type: 'procedure',
  audience: 'residents',
  sourcePath: `procedures/${slug}.yaml`,
  lastChecked: '2026-01-20',
});

export const KHAI_SINH = procedure('dang-ky-khai-sinh', 'Đăng ký khai sinh');
export const CAN_CUOC = procedure('the-can-cuoc', 'Cấp, cấp đổi, cấp lại thẻ căn cước');
export const LLTP = procedure('phieu-ly-lich-tu-phap', 'Cấp Phiếu lý lịch tư pháp');
export const KET_HON = procedure('dang-ky-ket-hon', 'Đăng ký kết hôn');

const MUC_TIEU = ['II. MỤC TIÊU', '2. Mục tiêu cụ thể'];
const plan = (id: string, ordinal: number, section: string[], text: string): Chunk => ({
  id,
  documentId: PLAN.id,
  sectionPath: section,
  page: null,
  ordinal,
  text,
});
const field = (
  doc: DocumentMeta,
  id: string,
  ordinal: number,
  f: ProcedureField,
  label: string,
  text: string,
): Chunk => ({
  id,
  documentId: doc.id,
  sectionPath: [label],
  page: null,
  ordinal,
  text,
  field: f,
});

export const CHUNKS: Record<string, Chunk[]> = {
  [PLAN.id]: [
    plan(
      'plan-muc-dich',
      0,
      ['I. MỤC ĐÍCH, YÊU CẦU'],
      'Triển khai đồng bộ, hiệu quả các nhiệm vụ chuyển đổi số năm 2024 gắn với Đề án 06/CP; lấy người dân, doanh nghiệp làm trung tâm.',
    ),
    plan(
      'plan-2-1',
      1,
      [...MUC_TIEU, '2.1. Dữ liệu số'],
      'Ban hành Kế hoạch phát triển dữ liệu tỉnh Đồng Nai năm 2024; hình thành kho dữ liệu dùng chung và dữ liệu mở; kết nối, chia sẻ CSDL chuyên ngành về đất đai, cấp phép xây dựng, hồ sơ sức khỏe điện tử.',
    ),
    plan(
      'plan-2-2-a',
      2,
      [...MUC_TIEU, '2.2. Chính quyền số'],
      '50% dịch vụ công trực tuyến toàn trình được tích hợp, cung cấp trên Cổng Dịch vụ công Quốc gia. Tỷ lệ hồ sơ giải quyết trực tuyến trên tổng số hồ sơ đạt tối thiểu 80% tại cấp sở, 40% tại cấp huyện và 30% tại cấp xã.',
    ),
    plan(
      'plan-2-2-b',
      3,
      [...MUC_TIEU, '2.2. Chính quyền số'],
      '70% thủ tục hành chính có yêu cầu nghĩa vụ tài chính được thanh toán trực tuyến; trên 60% cán bộ, công chức, viên chức được tập huấn, phổ cập kỹ năng số cơ bản.',
    ),
    plan(
      'plan-2-4',
      4,
      [...MUC_TIEU, '2.4. Xã hội số'],
      'Tỷ lệ dân số trưởng thành có tài khoản định danh điện tử trên 50%; có chữ ký số cá nhân trên 40%; có tài khoản dịch vụ công trực tuyến trên 65%; hộ gia đình có internet cáp quang trên 86%.',
    ),
    plan(
      'plan-2-5',
      5,
      [...MUC_TIEU, '2.5. An toàn thông tin'],
      'Tỷ lệ hệ thống thông tin của cơ quan hành chính nhà nước hoàn thành phê duyệt cấp độ an toàn hệ thống thông tin trên 80%; 100% cổng thông tin điện tử được đánh giá an toàn thông tin và dán nhãn tín nhiệm mạng.',
    ),
  ],
  [KHAI_SINH.id]: [
    field(
      KHAI_SINH,
      'ks-ho-so',
      0,
      'documents',
      'Thành phần hồ sơ',
      'Tờ khai đăng ký khai sinh theo mẫu; bản chính Giấy chứng sinh; xuất trình hộ chiếu, CMND, CCCD hoặc giấy tờ có ảnh của người đi đăng ký.',
    ),
    field(
      KHAI_SINH,
      'ks-le-phi',
      1,
      'fee',
      'Phí, lệ phí',
      'Đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh) thì miễn lệ phí. Đăng ký quá hạn thì nộp lệ phí do HĐND tỉnh quy định.',
    ),
  ],
  [CAN_CUOC.id]: [
    field(
      CAN_CUOC,
      'cc-ho-so',
      0,
      'documents',
      'Thành phần hồ sơ',
      'Tờ khai căn cước; người dưới 14 tuổi do cha, mẹ hoặc người giám hộ làm thủ tục; thu nhận ảnh, vân tay, mống mắt.',
    ),
    field(
      CAN_CUOC,
      'cc-le-phi',
      1,
      'fee',
      'Phí, lệ phí',
      'Chuyển từ CCCD sang thẻ căn cước 30.000đ/thẻ; cấp đổi 50.000đ/thẻ; cấp lại 70.000đ/thẻ.',
    ),
  ],
  [LLTP.id]: [
    field(
      LLTP,
      'lltp-co-quan',
      0,
      'agency',
      'Cơ quan giải quyết',
      'Công an cấp tỉnh (ở Đồng Nai là Công an tỉnh Đồng Nai) cấp Phiếu lý lịch tư pháp từ 01/3/2025.',
    ),
  ],
  [KET_HON.id]: [
    field(
      KET_HON,
      'kh-thoi-han',
      0,
      'timeLimit',
      'Thời hạn giải quyết',
      'Giải quyết ngay trong ngày; trường hợp cần xác minh thì không quá 05 ngày làm việc.',
    ),
  ],
};

export const DOCS: DocumentMeta[] = [PLAN, KHAI_SINH, CAN_CUOC, LLTP, KET_HON];

/** The corpus as writer input, embedded with `embedder` (default: hashed). */
export async function corpusInput(
  embedder: Embedder = createEmbedder({ provider: 'hashed' }),
  docs = DOCS,
): Promise<BuildInput> {
  const documents: IndexedDocument[] = docs.map((meta) => ({
    meta,
    contentHash: `hash-of-${meta.id}`,
    chunks: CHUNKS[meta.id] ?? [],
  }));
  const vectors = new Map<string, number[]>();
  for (const d of documents) {
    const texts = d.chunks.map((c) => indexTextOf(c, d.meta));
    const vs = await embedder.embedDocuments(texts);
    d.chunks.forEach((c, i) => vectors.set(c.id, vs[i] as number[]));
  }
  return { documents, vectors, embedder: embedder.info };
}

/** A fresh temp folder with the corpus index written into `<tmp>/index`. */
export async function writeCorpus(input?: BuildInput): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'hoidap-knowledge-')), 'index');
  await writeIndex(dir, input ?? (await corpusInput()));
  return dir;
}

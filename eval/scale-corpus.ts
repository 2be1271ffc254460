/**
 * A synthetic corpus for calibrating refusal at province scale: ≥ 300 invented procedures in the national
 * structure (Markdown annexes, 10 procedures each, numbered "1.1. Trình tự thực hiện:" parts, made-up codes
 * 2.8xxxxx), mixed with our own sources, and the questions of eval/questions/scale.jsonl about procedures
 * in it and not in it, accented and without diacritics. Deterministic: the same seed gives the same files.
 * All text is generated here; the procedures, amounts and legal references are fictitious test data.
 *
 *   npx tsx eval/scale-corpus.ts --out DIR        # DIR/sources = knowledge/sources + synthetic/
 *   npx tsx eval/scale-corpus.ts --questions      # rewrite eval/questions/scale.jsonl
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { foldText } from '../knowledge/index.ts';

interface Domain {
  field: string;
  agency: string;
  objects: string[];
}

const DOMAINS: Domain[] = [
  {
    field: 'nông nghiệp',
    agency: 'Sở Nông nghiệp và Môi trường',
    objects: [
      'giấy chứng nhận cơ sở sản xuất giống cây trồng',
      'giấy phép vận chuyển động vật',
      'giấy chứng nhận vùng trồng',
      'mã số cơ sở đóng gói rau quả',
      'giấy chứng nhận trang trại',
      'giấy phép nhập khẩu phân bón',
      'giấy chứng nhận cơ sở an toàn dịch bệnh',
      'giấy xác nhận nguồn gốc gỗ',
    ],
  },
  {
    field: 'thủy sản',
    agency: 'Chi cục Thủy sản',
    objects: [
      'giấy phép khai thác thủy sản',
      'giấy chứng nhận cơ sở nuôi cá lồng',
      'giấy chứng nhận đăng ký tàu cá',
      'giấy phép nuôi trồng thủy sản trên sông',
      'giấy chứng nhận an toàn kỹ thuật tàu cá',
    ],
  },
  {
    field: 'văn hóa',
    agency: 'Sở Văn hóa, Thể thao và Du lịch',
    objects: [
      'giấy phép tổ chức biểu diễn nghệ thuật',
      'giấy phép kinh doanh dịch vụ lữ hành nội địa',
      'thẻ hướng dẫn viên du lịch',
      'giấy phép triển lãm mỹ thuật',
      'giấy chứng nhận câu lạc bộ thể thao',
      'giấy phép tổ chức giải thi đấu thể thao',
      'giấy phép thành lập thư viện tư nhân',
    ],
  },
  {
    field: 'y tế',
    agency: 'Sở Y tế',
    objects: [
      'chứng chỉ hành nghề dược',
      'giấy phép hoạt động phòng khám',
      'giấy chứng nhận đủ điều kiện kinh doanh dược',
      'giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
      'giấy phép quảng cáo mỹ phẩm',
      'giấy xác nhận nội dung quảng cáo thực phẩm',
    ],
  },
  {
    field: 'giáo dục',
    agency: 'Sở Giáo dục và Đào tạo',
    objects: [
      'giấy phép thành lập trung tâm ngoại ngữ',
      'giấy phép dạy thêm ngoài nhà trường',
      'quyết định công nhận trường đạt chuẩn quốc gia',
      'bằng tốt nghiệp trung học phổ thông',
      'giấy chứng nhận hoàn thành chương trình tiểu học',
      'giấy phép hoạt động nhóm trẻ độc lập',
    ],
  },
  {
    field: 'xây dựng',
    agency: 'Sở Xây dựng',
    objects: [
      'chứng chỉ hành nghề kiến trúc',
      'giấy phép di dời công trình',
      'chứng chỉ năng lực hoạt động xây dựng',
      'giấy phép sửa chữa nhà ở riêng lẻ',
      'giấy chứng nhận nghiệm thu công trình',
    ],
  },
  {
    field: 'giao thông',
    agency: 'Sở Xây dựng (lĩnh vực giao thông)',
    objects: [
      'giấy phép vận tải bằng xe ô tô',
      'phù hiệu xe taxi',
      'giấy phép lưu hành xe quá tải',
      'giấy phép thi công trên đường bộ',
      'giấy chứng nhận đăng ký phương tiện thủy nội địa',
      'giấy phép đào tạo lái xe',
    ],
  },
  {
    field: 'tài nguyên',
    agency: 'Sở Nông nghiệp và Môi trường',
    objects: [
      'giấy phép khai thác nước dưới đất',
      'giấy phép xả nước thải vào nguồn nước',
      'giấy phép môi trường',
      'giấy phép thăm dò khoáng sản',
      'giấy phép khai thác cát sỏi lòng sông',
    ],
  },
  {
    field: 'công thương',
    agency: 'Sở Công Thương',
    objects: [
      'giấy phép bán lẻ rượu',
      'giấy phép bán lẻ sản phẩm thuốc lá',
      'giấy chứng nhận đủ điều kiện cửa hàng xăng dầu',
      'giấy phép hoạt động điện lực',
      'giấy xác nhận đăng ký tổ chức hội chợ triển lãm thương mại',
      'giấy chứng nhận đủ điều kiện kinh doanh khí',
    ],
  },
  {
    field: 'lao động',
    agency: 'Sở Nội vụ',
    objects: [
      'giấy phép lao động cho người nước ngoài',
      'giấy phép hoạt động dịch vụ việc làm',
      'giấy phép cho thuê lại lao động',
      'giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp',
      'giấy xác nhận không thuộc diện cấp giấy phép lao động',
    ],
  },
];

const ACTIONS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Gia hạn', 'Điều chỉnh nội dung'];

/** Procedures nobody holds, some sharing words with the synthetic ones ("giấy phép … karaoke" vs "giấy phép … lữ hành"). */
export const ABSENT = [
  'cấp giấy phép kinh doanh karaoke',
  'đăng ký nuôi chó mèo',
  'xin phép chặt cây xanh trên vỉa hè',
  'cấp giấy phép sử dụng súng săn',
  'cấp thẻ bảo hiểm xe máy',
  'đăng ký kết nạp đoàn viên',
  'cấp giấy phép bay flycam',
  'đăng ký hiến xác cho y học',
  'cấp giấy phép nuôi chim yến',
  'xin giấy phép tổ chức đám cưới ngoài trời',
  'cấp biển số xe đạp điện',
  'đăng ký tuyển sinh lớp 10',
  'cấp giấy phép mở tiệm cầm đồ',
  'xin trợ cấp mai táng cho cựu chiến binh',
  'cấp chứng chỉ hành nghề bác sĩ thú y',
  'xin cấp đất tái định cư',
  'đăng ký nghĩa vụ quân sự lần đầu',
  'cấp giấy phép quảng cáo bằng loa phóng thanh',
  'xin phép sửa chữa mộ phần',
  'cấp thẻ nhà báo',
  'đăng ký nhãn hiệu hàng hóa',
  'cấp giấy phép khai thác gỗ rừng tự nhiên',
  'xin hỗ trợ hộ cận nghèo mua nhà',
  'cấp chứng nhận ăn chay',
  'cấp giấy phép tổ chức đua thuyền',
  'đăng ký hộ tịch cho người vô quốc tịch',
];

/** Small seeded generator (mulberry32): the corpus must be the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticProcedure {
  code: string;
  name: string;
  file: string;
  agency: string;
  documents: string[];
  timeLimit: string;
  fee: string;
  steps: string[];
  ways: string;
  legal: string;
  conditions: string | null;
}

/** The procedures, in file order: every object with every action, half of them also with "Thu hồi". */
export function syntheticProcedures(seed = 2026): SyntheticProcedure[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: SyntheticProcedure[] = [];
  let n = 0;
  for (const d of DOMAINS) {
    for (const object of d.objects) {
      for (const action of r() < 0.5 ? [...ACTIONS, 'Thu hồi'] : ACTIONS) {
        n++;
        const days = pick([3, 5, 7, 10, 12, 15, 20, 30]);
        const amount = pick([0, 50_000, 100_000, 150_000, 200_000, 300_000, 500_000, 1_200_000]);
        out.push({
          code: `2.8${String(10000 + n * 37).padStart(5, '0')}`,
          name: `${action} ${object}`,
          file: `synthetic/phu-luc-${String(Math.ceil(n / 10)).padStart(2, '0')}`,
          agency: `${d.agency} (lĩnh vực ${d.field})`,
          documents: [
            `Đơn đề nghị ${action.toLowerCase()} ${object} theo mẫu số ${String(1 + Math.floor(r() * 9)).padStart(2, '0')}`,
            pick([
              'Bản sao giấy tờ pháp lý của tổ chức',
              'Bản thuyết minh điều kiện hoạt động',
              'Bản chính giấy đã được cấp trước đó',
              'Báo cáo tình hình hoạt động năm trước',
            ]),
            `Số lượng hồ sơ: 0${1 + Math.floor(r() * 3)} bộ`,
          ],
          timeLimit: `${String(days).padStart(2, '0')} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ`,
          fee: amount === 0 ? 'Không thu phí' : `Phí thẩm định ${amount.toLocaleString('de-DE')} đồng/hồ sơ`,
          steps: [
            'Tổ chức, cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công',
            `${d.agency} thẩm định hồ sơ`,
            'Trả kết quả tại nơi nộp hoặc qua bưu chính',
          ],
          ways: pick([
            'Trực tiếp hoặc trực tuyến toàn trình',
            'Trực tiếp, qua bưu chính hoặc trực tuyến một phần',
            'Trực tuyến toàn trình trên Cổng Dịch vụ công',
          ]),
          legal: `Nghị định thử nghiệm số ${10 + Math.floor(r() * 80)}/2099/NĐ-CP`,
          conditions: r() < 0.4 ? `Tổ chức, cá nhân có đủ điều kiện hoạt động trong lĩnh vực ${d.field}` : null,
        });
      }
    }
  }
  return out;
}

/** One annex file: a heading, then each procedure with numbered parts (the shape ingest must recognise). */
function annexMarkdown(procs: readonly SyntheticProcedure[], title: string): string {
  const lines = ['---', 'type: procedure', `title: ${title}`, '---', `# ${title}`, ''];
  procs.forEach((p, i) => {
    const k = i + 1;
    lines.push(`## ${k}. Thủ tục ${p.name.charAt(0).toLowerCase()}${p.name.slice(1)} (${p.code})`, '');
    lines.push(`${k}.1. Trình tự thực hiện:`, ...p.steps.map((s, j) => `- Bước ${j + 1}: ${s}.`), '');
    lines.push(`${k}.2. Cách thức thực hiện: ${p.ways}.`, '');
    lines.push(`${k}.3. Thành phần, số lượng hồ sơ:`, ...p.documents.map((d) => `- ${d}.`), '');
    lines.push(`${k}.4. Thời hạn giải quyết: ${p.timeLimit}.`, '');
    lines.push(`${k}.5. Cơ quan thực hiện: ${p.agency}.`, '');
    lines.push(`${k}.6. Phí, lệ phí: ${p.fee}.`, '');
    if (p.conditions) lines.push(`${k}.7. Yêu cầu, điều kiện: ${p.conditions}.`, '');
    lines.push(`${k}.8. Căn cứ pháp lý: ${p.legal}.`, '');
  });
  return lines.join('\n');
}

/** Writes DIR/sources (our sources plus synthetic/) and returns the procedure count. */
export async function writeScaleCorpus(dir: string, repoSources: string, seed = 2026): Promise<number> {
  const sources = join(dir, 'sources');
  await rm(sources, { recursive: true, force: true });
  await cp(repoSources, sources, { recursive: true });
  const procs = syntheticProcedures(seed);
  const byFile = new Map<string, SyntheticProcedure[]>();
  for (const p of procs) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  await mkdir(join(sources, 'synthetic'), { recursive: true });
  for (const [file, list] of byFile) {
    await writeFile(
      join(sources, `${file}.md`),
      annexMarkdown(list, `Phụ lục thủ tục hành chính thử nghiệm ${file.slice(-2)}`),
    );
  }
  return procs.length;
}

export interface ScaleQuestion {
  id: string;
  question: string;
  answerable: boolean;
  answer: string;
  evidence: string | null;
  document?: string;
  tags: string[];
}

/** In-corpus questions (one field each) and out-of-corpus ones, every question accented and folded. */
export function scaleQuestions(seed = 2026): ScaleQuestion[] {
  const procs = syntheticProcedures(seed);
  const r = rng(seed + 1);
  const out: ScaleQuestion[] = [];
  const both = (q: Omit<ScaleQuestion, 'id' | 'question' | 'tags'>, text: string, tags: string[]) => {
    out.push({
      id: `scale-${String(out.length + 1).padStart(3, '0')}`,
      question: text,
      tags: [...tags, 'accented'],
      ...q,
    });
    out.push({
      id: `scale-${String(out.length + 1).padStart(3, '0')}`,
      question: foldText(text),
      tags: [...tags, 'folded'],
      ...q,
    });
  };
  for (let i = 0; i < 30; i++) {
    const p = procs[Math.floor(r() * procs.length)]!;
    const name = p.name.toLowerCase();
    const docId = `${p.file}#${p.code}`;
    const kind = i % 3;
    if (kind === 0)
      both(
        {
          answerable: true,
          answer: p.timeLimit.slice(0, 2) + ' ngày làm việc',
          evidence: p.timeLimit,
          document: docId,
        },
        `${name} mất bao lâu`,
        ['in-corpus', 'timeLimit'],
      );
    else if (kind === 1)
      both(
        { answerable: true, answer: p.documents[0]!, evidence: p.documents[0]!, document: docId },
        `thủ tục ${name} cần hồ sơ gì`,
        ['in-corpus', 'documents'],
      );
    else
      both({ answerable: true, answer: p.fee, evidence: p.fee, document: docId }, `lệ phí ${name} là bao nhiêu`, [
        'in-corpus',
        'fee',
      ]);
  }
  // A sibling we do not hold: "thu hồi X" when only "cấp / cấp lại / … X" exist — told apart by the action word.
  const held = new Set(procs.map((p) => p.name));
  const siblings = DOMAINS.flatMap((d) => d.objects)
    .filter((o) => !held.has(`Thu hồi ${o}`))
    .slice(0, 10);
  for (const object of siblings)
    both({ answerable: false, answer: '', evidence: null }, `thu hồi ${object} cần hồ sơ gì`, [
      'out-of-corpus',
      'sibling',
    ]);
  for (const [i, name] of ABSENT.entries()) {
    const text = [`${name} cần hồ sơ gì`, `${name} mất bao lâu`, `${name} hết bao nhiêu tiền`][i % 3]!;
    both({ answerable: false, answer: '', evidence: null }, text, ['out-of-corpus']);
  }
  return out;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--questions')) {
    const rows = scaleQuestions();
    await writeFile('eval/questions/scale.jsonl', rows.map((q) => JSON.stringify(q)).join('\n') + '\n');
    process.stdout.write(`wrote eval/questions/scale.jsonl (${rows.length} questions)\n`);
  }
  const at = args.indexOf('--out');
  if (at >= 0 && args[at + 1]) {
    const n = await writeScaleCorpus(args[at + 1]!, 'knowledge/sources');
    process.stdout.write(`wrote ${n} synthetic procedures + knowledge/sources to ${join(args[at + 1]!, 'sources')}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

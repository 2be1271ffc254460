/**
 * The curated dictionary of abbreviations and chat shorthand, as data. Keys are matched whole-token and
 * without diacritics ("hđnd" and "hdnd" are the same key); values are the expansions, several when the
 * shorthand is ambiguous (we expand to all of them and always keep the original token).
 *
 * `side: 'both'` groups also expand inside documents (only where the document writes the abbreviation in
 * capitals), so "CCCD" in a sheet matches "căn cước công dân" in a question and vice versa.
 * `side: 'query'` groups (teencode) expand only in questions: documents use "k" for "điểm k", not "không".
 *
 * Changing this file changes the index terms: ANALYSER_VERSION picks it up and the index asks for a re-ingest.
 */

export interface AbbreviationGroup {
  /** What the group is, for people editing it. */
  name: string;
  side: 'both' | 'query';
  entries: Record<string, readonly string[]>;
}

export const ABBREVIATION_GROUPS: readonly AbbreviationGroup[] = [
  {
    // Agencies and tiers of government as written in plans and decisions.
    name: 'agencies',
    side: 'both',
    entries: {
      UBND: ['ủy ban nhân dân'],
      HĐND: ['hội đồng nhân dân'],
      CP: ['chính phủ'],
      TTg: ['thủ tướng'],
      TW: ['trung ương'],
      BTTTT: ['bộ thông tin và truyền thông'],
      STTTT: ['sở thông tin và truyền thông'],
      TTHCC: ['trung tâm hành chính công'],
      BPMC: ['bộ phận một cửa'],
      TP: ['thành phố'],
      CQ: ['cơ quan'],
      CBCCVC: ['cán bộ công chức viên chức'],
      DN: ['doanh nghiệp'],
      BCĐ: ['ban chỉ đạo'],
      NHNN: ['ngân hàng nhà nước'],
      PTTH: ['phát thanh và truyền hình'],
      VP: ['văn phòng'],
      TNCS: ['thanh niên cộng sản'],
    },
  },
  {
    // The provincial departments of the plan's section V, as officials and residents shorten them: with "&"
    // (one token, see tokenise.ts) or run together, with or without the leading S for "Sở".
    name: 'departments',
    side: 'both',
    entries: {
      'GD&ĐT': ['giáo dục và đào tạo'],
      GDĐT: ['giáo dục và đào tạo'],
      SGDĐT: ['sở giáo dục và đào tạo'],
      'TT&TT': ['thông tin và truyền thông'],
      TTTT: ['thông tin và truyền thông'],
      'KH&ĐT': ['kế hoạch và đầu tư'],
      KHĐT: ['kế hoạch và đầu tư'],
      SKHĐT: ['sở kế hoạch và đầu tư'],
      'KH&CN': ['khoa học và công nghệ'],
      KHCN: ['khoa học và công nghệ'],
      'TN&MT': ['tài nguyên và môi trường'],
      TNMT: ['tài nguyên và môi trường'],
      'NN&PTNT': ['nông nghiệp và phát triển nông thôn'],
      NNPTNT: ['nông nghiệp và phát triển nông thôn'],
      'LĐTB&XH': ['lao động thương binh và xã hội'],
      LĐTBXH: ['lao động thương binh và xã hội'],
      VHTTDL: ['văn hóa thể thao và du lịch'],
      SYT: ['sở y tế'],
      STC: ['sở tài chính'],
      SNV: ['sở nội vụ'],
      SXD: ['sở xây dựng'],
      SCT: ['sở công thương'],
    },
  },
  {
    // Kinds of legal documents; the first letters of document numbers (53/KH-UBND, 123/2015/NĐ-CP).
    name: 'document kinds',
    side: 'both',
    entries: {
      KH: ['kế hoạch'],
      QĐ: ['quyết định', 'quy định'],
      NĐ: ['nghị định'],
      NQ: ['nghị quyết'],
      TT: ['thông tư', 'trung tâm'],
      CT: ['chỉ thị'],
      VBQPPL: ['văn bản quy phạm pháp luật'],
    },
  },
  {
    // Administrative procedures and public services.
    name: 'procedures and services',
    side: 'both',
    entries: {
      TTHC: ['thủ tục hành chính'],
      DVC: ['dịch vụ công'],
      DVCTT: ['dịch vụ công trực tuyến'],
      DVCQG: ['cổng dịch vụ công quốc gia'],
      PAKN: ['phản ánh kiến nghị'],
      HCC: ['hành chính công'],
    },
  },
  {
    // Papers residents ask about.
    name: 'papers and records',
    side: 'both',
    entries: {
      CCCD: ['căn cước công dân', 'thẻ căn cước'],
      CMND: ['chứng minh nhân dân'],
      VNeID: ['định danh điện tử'],
      ĐDĐT: ['định danh điện tử'],
      GPLX: ['giấy phép lái xe', 'bằng lái xe'],
      BLX: ['bằng lái xe', 'giấy phép lái xe'],
      LLTP: ['lý lịch tư pháp'],
      BHYT: ['bảo hiểm y tế'],
      BHXH: ['bảo hiểm xã hội'],
      BHTN: ['bảo hiểm thất nghiệp'],
      GPXD: ['giấy phép xây dựng'],
      ĐKKD: ['đăng ký kinh doanh'],
      MST: ['mã số thuế'],
      HKD: ['hộ kinh doanh'],
      XNTTHN: ['xác nhận tình trạng hôn nhân'],
      GKS: ['giấy khai sinh'],
      GCN: ['giấy chứng nhận'],
      QSDĐ: ['quyền sử dụng đất'],
      GCNQSDĐ: ['giấy chứng nhận quyền sử dụng đất', 'sổ đỏ'],
      TNCN: ['thu nhập cá nhân'],
    },
  },
  {
    // Digital transformation vocabulary of the 2024 plan.
    name: 'digital transformation',
    side: 'both',
    entries: {
      CDS: ['chuyển đổi số'],
      CNTT: ['công nghệ thông tin'],
      CSDL: ['cơ sở dữ liệu'],
      CSDLQG: ['cơ sở dữ liệu quốc gia'],
      ATTT: ['an toàn thông tin'],
      HTTT: ['hệ thống thông tin'],
      TTDL: ['trung tâm dữ liệu'],
      TMĐT: ['thương mại điện tử'],
      KTS: ['kinh tế số'],
      XHS: ['xã hội số'],
      CQS: ['chính quyền số'],
      CQĐT: ['chính quyền điện tử'],
    },
  },
  {
    // Agency shorthand only questions use: with a comma inside ("vh,tt&dl") or two words ("ca tỉnh"); the
    // question reader spells these out with the departments group before reading intent.
    name: 'agency shorthand',
    side: 'query',
    entries: {
      'VH,TT&DL': ['văn hóa thể thao và du lịch'],
      'CA tỉnh': ['công an tỉnh'],
    },
  },
  {
    // Chat shorthand and teencode. "k" alone is "không"; "10k" is money and never reaches this table.
    name: 'teencode',
    side: 'query',
    entries: {
      ko: ['không'],
      k: ['không'],
      kg: ['không'],
      hok: ['không'],
      khg: ['không'],
      hong: ['không'],
      kh: ['không', 'kế hoạch', 'kết hôn'],
      dc: ['được'],
      j: ['gì'],
      ntn: ['như thế nào'],
      bn: ['bao nhiêu'],
      bnh: ['bao nhiêu'],
      bnhiu: ['bao nhiêu'],
      vs: ['với'],
      sdt: ['số điện thoại'],
      dt: ['điện thoại'],
      mn: ['mọi người'],
      mng: ['mọi người'],
      trc: ['trước'],
      dk: ['đăng ký'],
      ks: ['khai sinh'],
      kth: ['kết hôn'],
      cc: ['căn cước'],
      hs: ['hồ sơ', 'học sinh'],
      lm: ['làm'],
      ms: ['mới'],
      wa: ['qua'],
      r: ['rồi'],
      gt: ['giấy tờ'],
      tk: ['tài khoản'],
      ng: ['người'],
      dv: ['dịch vụ'],
      tp: ['thành phố'],
      qd: ['quyết định', 'quy định'],
      đkkh: ['đăng ký kết hôn'],
      đkks: ['đăng ký khai sinh'],
      đkkt: ['đăng ký khai tử'],
      đktt: ['đăng ký tạm trú', 'đăng ký thường trú'],
      xd: ['xây dựng'],
      gq: ['giải quyết'],
      ny: ['người yêu'],
      vk: ['vợ'],
      ck: ['chồng'],
      bv: ['bệnh viện'],
      hk: ['hộ khẩu'],
      tg: ['thời gian'],
      tgian: ['thời gian'],
      dky: ['đăng ký'],
      dki: ['đăng ký'],
      onl: ['trực tuyến'],
      ktra: ['kiểm tra'],
      bh: ['bảo hiểm'],
      cty: ['công ty'],
    },
  },
];

/**
 * Question-side phrase synonyms, as data. Keys are matched without diacritics over the question's words
 * (after chat shorthand is spelled out, so "het bn tien" meets "bao nhiêu tiền"); values are added to the
 * question as extra terms at the group's weight. They never change the index, so editing this file needs
 * no re-ingest.
 */

export interface SynonymGroup {
  name: string;
  /** Query weight of the added terms (the question's own words weigh 1). */
  weight: number;
  entries: Record<string, readonly string[]>;
}

export const SYNONYM_GROUPS: readonly SynonymGroup[] = [
  {
    // How residents ask for one field of a procedure; the values are the field labels of the sheets.
    name: 'field intents',
    weight: 0.3,
    entries: {
      'bao nhiêu tiền': ['lệ phí'],
      'mất tiền': ['lệ phí'],
      'tốn tiền': ['lệ phí'],
      'tốn bao nhiêu': ['lệ phí'],
      'hết bao nhiêu': ['lệ phí'],
      'phí': ['lệ phí'],
      'miễn phí': ['lệ phí'],
      'bao lâu': ['thời hạn giải quyết'],
      'mấy ngày': ['thời hạn giải quyết'],
      'khi nào có': ['thời hạn giải quyết'],
      'ở đâu': ['cơ quan giải quyết', 'nơi nộp'],
      'chỗ nào': ['cơ quan giải quyết', 'nơi nộp'],
      'cơ quan nào': ['cơ quan giải quyết'],
      'giấy tờ gì': ['thành phần hồ sơ'],
      'cần gì': ['thành phần hồ sơ'],
      'cần những gì': ['thành phần hồ sơ'],
      'hồ sơ gồm': ['thành phần hồ sơ'],
      'mang theo': ['thành phần hồ sơ'],
      'các bước': ['trình tự thực hiện'],
      'làm sao': ['trình tự thực hiện'],
      'thế nào': ['trình tự thực hiện'],
      'online': ['trực tuyến'],
      'qua mạng': ['trực tuyến'],
      'trên mạng': ['trực tuyến'],
    },
  },
  {
    // Everyday names for papers and procedures.
    name: 'everyday names',
    weight: 0.8,
    entries: {
      'sổ đỏ': ['giấy chứng nhận quyền sử dụng đất'],
      'sổ hồng': ['giấy chứng nhận quyền sử dụng đất'],
      'hộ khẩu': ['thường trú'],
      'bằng lái': ['giấy phép lái xe'],
      'sao y': ['chứng thực bản sao'],
      'công chứng bản sao': ['chứng thực bản sao'],
      'giấy kết hôn': ['giấy chứng nhận kết hôn'],
      'độc thân': ['xác nhận tình trạng hôn nhân'],
      'làm căn cước': ['cấp thẻ căn cước'],
      'định danh': ['định danh điện tử'],
    },
  },
  {
    // English questions (foreign residents, officials testing the bot): a small glossary to Vietnamese.
    name: 'english glossary',
    weight: 0.8,
    entries: {
      'id card': ['thẻ căn cước', 'căn cước công dân'],
      'identity card': ['thẻ căn cước', 'căn cước công dân'],
      'birth': ['khai sinh'],
      'birth certificate': ['giấy khai sinh'],
      'marriage': ['kết hôn'],
      'married': ['kết hôn'],
      'marital status': ['tình trạng hôn nhân'],
      'death': ['khai tử'],
      'fee': ['lệ phí'],
      'cost': ['lệ phí'],
      'how much': ['lệ phí'],
      'how long': ['thời hạn giải quyết'],
      'where': ['cơ quan giải quyết', 'nơi nộp'],
      'documents': ['thành phần hồ sơ'],
      'papers': ['thành phần hồ sơ'],
      'online': ['trực tuyến'],
      'driving licence': ['giấy phép lái xe'],
      'driving license': ['giấy phép lái xe'],
      'driver license': ['giấy phép lái xe'],
      'criminal record': ['lý lịch tư pháp'],
      'temporary residence': ['tạm trú'],
      'permanent residence': ['thường trú'],
      'household business': ['hộ kinh doanh'],
      'business household': ['hộ kinh doanh'],
      'building permit': ['giấy phép xây dựng'],
      'construction permit': ['giấy phép xây dựng'],
      'certified copy': ['chứng thực bản sao'],
      'digital transformation': ['chuyển đổi số'],
      'national portal': ['cổng dịch vụ công quốc gia'],
      'public service portal': ['cổng dịch vụ công'],
      'public services': ['dịch vụ công'],
      'digital signature': ['chữ ký số'],
      'information security': ['an toàn thông tin'],
      'cybersecurity': ['an toàn thông tin mạng'],
      'target': ['mục tiêu', 'chỉ tiêu'],
      'lost': ['cấp lại'],
      'replace': ['cấp đổi', 'cấp lại'],
      'renew': ['cấp đổi'],
      'register': ['đăng ký'],
      'small and medium': ['doanh nghiệp nhỏ và vừa'],
      'businesses': ['doanh nghiệp'],
      'enterprises': ['doanh nghiệp'],
      'data': ['dữ liệu'],
      'open data': ['dữ liệu mở'],
      'shared database': ['cơ sở dữ liệu dùng chung'],
      'commune': ['cấp xã'],
      'district': ['cấp huyện'],
      'share': ['tỷ lệ'],
      'rate': ['tỷ lệ'],
      'percentage': ['tỷ lệ'],
      'health record': ['hồ sơ sức khỏe điện tử'],
      'electronic contract': ['hợp đồng điện tử'],
      'e-contract': ['hợp đồng điện tử'],
      'electronic tax': ['thuế điện tử'],
      'cashless': ['không dùng tiền mặt'],
      'broadband': ['băng rộng', 'cáp quang'],
      'bank account': ['tài khoản', 'ngân hàng'],
      'training': ['đào tạo', 'tập huấn'],
      'civil servants': ['cán bộ công chức viên chức'],
      'officials': ['cán bộ công chức'],
      'digital skills': ['kỹ năng số'],
      'digital economy': ['kinh tế số'],
      'digital society': ['xã hội số'],
      'digital government': ['chính quyền số'],
      'hotline': ['tổng đài'],
      'payment': ['thanh toán'],
      'pay': ['thanh toán'],
      'platforms': ['nền tảng'],
      'ranking': ['xếp hạng'],
      'baby': ['trẻ em', 'khai sinh'],
      'child': ['trẻ em'],
      'free': ['miễn phí'],
      'wi-fi': ['wifi'],
      'companies': ['doanh nghiệp'],
      'school': ['trường học'],
      'schools': ['trường học'],
      'pilot': ['thí điểm'],
      'cooperation': ['hợp tác'],
      'finance': ['tài chính'],
      'education': ['giáo dục'],
      'health': ['y tế'],
      'tax': ['thuế'],
    },
  },
];

/**
 * Words that mark a question as English; when enough of them appear, {@link ENGLISH_STOPWORDS} are dropped
 * from the question (they would otherwise match Vietnamese written without accents: the → thẻ, to → tờ).
 */
export const ENGLISH_MARKERS: ReadonlySet<string> = new Set([
  'what', 'how', 'is', 'are', 'the', 'of', 'for', 'and', 'with', 'does', 'should', 'my', 'i', 'you', 'which',
  'when', 'where', 'much', 'many', 'will', 'would', 'must', 'need', 'there', 'their', 'this', 'that', 'get',
]);

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  ...ENGLISH_MARKERS, 'a', 'an', 'to', 'in', 'on', 'at', 'by', 'be', 'do', 'can', 'it', 'or', 'as', 'from', 'into',
  'through', 'about', 'me', 'we', 'our', 'your', 'have', 'has', 'was', 'were', 'if', 'so', 'up', 'out', 'than', 'long',
  'trying', 'try', 'reach', 'by', 'under', 'over', 'per', 'cent', 'year', 'years', 'in', 'its',
]);

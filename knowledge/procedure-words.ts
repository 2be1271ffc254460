/**
 * The action words of administrative procedures, kept with the question reader's other word lists. A procedure
 * is an action on an object ("cấp lại" + "thẻ căn cước", "thu hồi" + "giấy phép bán lẻ rượu"); sibling
 * procedures share the object and differ only by the action, so the action a question names decides which
 * sibling it is about, or that we hold none. All keys are folded (no diacritics, lowercase) and matched on
 * whole words after chat shorthand is spelled out ("dk" → "dang ky", "cap lai" typed without accents).
 */

/**
 * Folded phrase → canonical action. Longer phrases win over their prefixes ("cap lai" over "cap"). An empty
 * value blocks a phrase that looks like an action but is a topic ("chuyển đổi số" is the plan's subject).
 */
export const PROCEDURE_ACTIONS: Readonly<Record<string, string>> = {
  cap: 'cap',
  'cap moi': 'cap',
  'cap phep': 'cap',
  'xin cap': 'cap',
  'xin phep': 'cap',
  'xin giay phep': 'cap',
  'cap lai': 'cap lai',
  'lam lai': 'cap lai',
  'xin lai': 'cap lai',
  'cap doi': 'cap doi',
  doi: 'cap doi',
  'doi lai': 'cap doi',
  'thu hoi': 'thu hoi',
  'gia han': 'gia han',
  'dang ky': 'dang ky',
  'dang ki': 'dang ky',
  'dang ky lai': 'dang ky lai',
  'khai bao': 'khai bao',
  'thong bao': 'khai bao',
  'xac nhan': 'xac nhan',
  'chuyen doi': 'chuyen doi',
  'chuyen doi so': '',
  'chuyen muc dich': 'chuyen doi',
  'dieu chinh': 'dieu chinh',
  'thay doi': 'dieu chinh',
  'sua doi': 'dieu chinh',
  'cai chinh': 'dieu chinh',
  'bo sung': 'dieu chinh',
  huy: 'huy',
  'huy bo': 'huy',
  'giai the': 'giai the',
  'tam ngung': 'tam ngung',
  'tam dung': 'tam ngung',
  'ngung hoat dong': 'tam ngung',
  'cham dut': 'cham dut',
  'chuyen nhuong': 'chuyen nhuong',
  'thanh lap': 'thanh lap',
  'sap nhap': 'sap nhap',
  'chia tach': 'chia tach',
  tach: 'chia tach',
  'sang ten': 'sang ten',
  'chung thuc': 'chung thuc',
  'cong chung': 'chung thuc',
  huong: 'huong',
  rut: 'huong',
  lanh: 'huong',
  // Folded look-alikes that are not actions: levels ("cấp xã"), "đối tượng", "hướng dẫn", "chỉ huy", "rút ngắn".
  'cap xa': '',
  'cap huyen': '',
  'cap tinh': '',
  'cap do': '',
  'cap co so': '',
  'cap bo': '',
  'cap trung uong': '',
  'doi tuong': '',
  'doi voi': '',
  'doi chieu': '',
  'doi ngu': '',
  'huong dan': '',
  'chi huy': '',
  'huy dong': '',
  'rut ngan': '',
  'rut gon': '',
  // "chủ sở hữu hưởng lợi" is a kind of owner, not a benefit asked for.
  'huong loi': '',
  // An office named for what it does is a place: "văn phòng công chứng", "phòng công chứng".
  'phong cong chung': '',
};

/**
 * One-word actions that are also other words once folded ("đợi" / "đổi", "huỷ" / "huy"): they count only when
 * an object follows them ("đổi bằng lái" is an action, "đợi bao lâu" is not).
 */
export const ACTIONS_NEEDING_OBJECT: ReadonlySet<string> = new Set([
  'cap',
  'doi',
  'huy',
  'tach',
  'rut',
  'lanh',
  'huong',
]);

/**
 * Verbs that ask for a procedure without saying which action ("làm hộ chiếu", "xin giấy độc thân"): they fit
 * every sibling, so they never decide between them.
 */
export const GENERIC_ACTIONS: ReadonlySet<string> = new Set(['lam', 'xin', 'lam thu tuc', 'di lam', 'thu tuc']);

/**
 * When a question names the action on the left, a procedure whose names hold one on the right serves it too:
 * people say "cấp giấy khai sinh" for the registration, "gia hạn" for the exchange of an expired card.
 * "cấp" stands in for "cấp lại" / "cấp đổi" only when the question's case says so (lost, expired): that is
 * decided by the reader, not here.
 */
export const ACTION_STAND_INS: Readonly<Record<string, readonly string[]>> = {
  cap: ['dang ky', 'xac nhan', 'thanh lap'],
  'dang ky': ['cap', 'khai bao', 'xac nhan', 'thanh lap', 'sang ten'],
  'khai bao': ['dang ky'],
  'gia han': ['cap doi', 'dang ky'],
  'cap doi': ['gia han', 'chuyen doi'],
  'chuyen doi': ['cap doi'],
  'dang ky lai': ['cap lai', 'dang ky'],
  'xac nhan': ['cap'],
  'thanh lap': ['dang ky', 'cap'],
  'sang ten': ['dang ky'],
};

/**
 * Words and word pairs that end the object a question names after its action: field questions, purposes and
 * connectives ("cấp đổi sổ đỏ | thì cần mang gì", "xin giấy độc thân | để vay ngân hàng"). Folded words are
 * ambiguous ("căn cước" / "cần", "thuốc lá" / "là", "mã số" / "mà"), so those end an object only in a pair.
 */
export const OBJECT_BOUNDARIES: ReadonlySet<string> = new Set([
  ...'thi de vi nhung neu nop phai duoc gi sao nhu ra ai nao va hoac roi nua luon cung giup hoi khong ko het ton lau'.split(
    ' ',
  ),
  // Modes and cases are asked about a procedure, they are not its object ("làm lại căn cước | online").
  ...'o tai co online onl xong gom'.split(' '),
  // How soon, not what: "làm hộ chiếu | gấp", "làm lại căn cước | trước", "chứng thực chữ ký | lấy liền".
  ...'gap truoc sau trong lay'.split(' '),
  // When: "nhận cha con | khi đã có giấy khai sinh".
  'khi',
  // "cho bé", "cho mẹ", "cho người thuê trọ": who it is for, not what it is ("cho thuê lại" goes on, below; a
  // sibling named for its people, "… cho người nước ngoài", is chosen by how much of its name is said).
  'cho',
  // "với người …": whom with, not what ("đăng ký kết hôn | với người Việt"); a sibling named for its people
  // ("kết hôn với người nước ngoài") is chosen by how much of its name is said, as with "cho người …".
  'voi nguoi',
  // "của": whose, not what ("đăng ký kết hôn | của con"); "trên": how ("làm tạm trú | trên điện thoại").
  'cua',
  'tren',
  // After an exchange, "sang" says what the paper becomes, not which paper: "đổi bằng lái | sang thẻ PET",
  // "chuyển | sang bản điện tử" ("sang tên" goes on, below).
  'sang',
  // Time and discourse words typed without accents are look-alikes of nouns ("bây giờ" / "bay", "giờ" / "gió"):
  // they end an object, never continue it ("đăng ký kết hôn | bây giờ còn cần …").
  'gio',
  'hien',
  'luc',
  ...[
    'truc tuyen',
    'tren dinh',
    'tren vneid',
    'tren app',
    'qua vneid',
    'qua app',
    'qua buu',
    'qua mang',
    'tren mang',
    'lan dau',
    'le phi',
    'bao gom',
    'thoi gian',
    'thoi han',
    // How, not what: "đăng ký tạm trú | thế nào" ("thẻ" alone is a noun, so only the pair ends an object).
    'the nao',
    // When, not what: "đăng ký kết hôn | tháng sau".
    'thang sau',
    'thang toi',
    'thang nay',
    'tuan sau',
    'tuan toi',
    'nam sau',
    'nam toi',
    'nam nay',
    'hom nay',
    'hom qua',
    'ngay mai',
    'sap toi',
    'bay gio',
    'bay h',
    'con can',
    'con phai',
    'con duoc',
    // A place said as "bên đó", "bên này", "bên Hàn": where, not what.
    'ben do',
    'ben nay',
    'ben kia',
    'ben han',
    'sau khi',
    'truoc khi',
    // The kind every procedure is, not one of them: "thủ tục | hành chính", "trung tâm phục vụ | hành chính công".
    'hanh chinh',
    'can gi',
    'can ho',
    'can giay',
    'can nhung',
    'can mang',
    'can chuan',
    'can phai',
    'can lam',
    'can nop',
    'can co',
    'may thang',
    'may ngay',
    'may nam',
    'may lan',
    'may tuan',
    'mat bao',
    'mat may',
    'mat tien',
    'mat phi',
    'mat bn',
    'bao lau',
    'bao nhieu',
    'bao gio',
    'o dau',
    'tai dau',
    'la gi',
    'la bao',
    'co duoc',
    'co phai',
    'co can',
    'co mat',
    'co ton',
    'co the',
  ],
]);

/** Pairs that go on with an object although their first word alone would end it ("giải thi đấu", "đề nghị"). */
export const OBJECT_CONTINUATIONS: ReadonlySet<string> = new Set([
  'thi dau',
  'truoc ba',
  'thi cong',
  'thi tran',
  'thi truong',
  'thi thuc',
  'de nghi',
  'vi pham',
  'nhu cau',
  'o to',
  'co so',
  'co quan',
  'co yeu',
  'tai khoan',
  'tai dinh',
  'tai san',
  'tai lieu',
  'tai nguyen',
  'tai chinh',
  'tai che',
  'cho thue',
  'sang ten',
]);

/**
 * Words that are never the object itself (pronouns, particles, "cho", "của"). Narrower than the stopword list:
 * folded "the", "nha", "bao", "do" are also "thẻ", "nhà", "báo", "đỏ", which objects are made of.
 */
export const OBJECT_FILLERS: ReadonlySet<string> = new Set(
  'a ad ah oi nhe nhi vay cho cua cac nhung mot nay kia day em anh chi toi tui minh ban chung ta ho voi la thi ma'.split(
    ' ',
  ),
);

/**
 * Word pairs in the names of a sheet that every procedure's questions use ("giấy tờ", "hồ sơ", "lệ phí"): said
 * alone they name no procedure, even when only one sheet has them among its everyday names.
 */
export const GENERIC_NAME_PAIRS: ReadonlySet<string> = new Set([
  'giay to',
  'ho so',
  'le phi',
  'thu tuc',
  'dang ky',
  'truc tuyen',
  'giay chung',
  'chung nhan',
  'giay phep',
  'xac nhan',
  'dich vu',
  'bao nhieu',
  'o dau',
]);

/**
 * Folded words that are mostly function or time words ("bây" of "bây giờ", "còn", "đã", "vẫn"): one said right
 * after a held name is a look-alike made by folding, never evidence that the question names another procedure.
 */
export const FUNCTION_LOOKALIKES: ReadonlySet<string> = new Set(
  'bay gio nay hien luc con van cung da dang se vua moi chua roi nua luon ma thi la co khong duoc tu den sau truoc khi neu'.split(
    ' ',
  ),
);

/**
 * Who a paper is for, not what it is: family words typed in a story ("thường trú ở nhà | chồng"). They are slots of
 * the person's story, never evidence that the object names another procedure. "con" and "bé" are left out: typed
 * without accents they are also "còn" and "bể", and counting them as slots let an unheld topic through.
 */
export const PERSON_WORDS: ReadonlySet<string> = new Set('chong vo ck vk ny bo me cha ong chau'.split(' '));

/** Words before an action that make it something already done in the story ("đã đăng ký tạm trú bên đó"). */
export const DONE_MARKERS: ReadonlySet<string> = new Set(['da', 'tung']);

/**
 * Words that ask whether a fee is lowered or waived ("có được giảm lệ phí trước bạ không", "được miễn không"):
 * such a question wants a yes or no and the line that grants it ("Giảm 100% …", "Miễn lệ phí"), not an amount.
 */
export const FEE_RELIEF_WORDS: ReadonlySet<string> = new Set(['giam', 'mien']);

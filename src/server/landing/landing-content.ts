/**
 * The public landing page's words, Korean and English. Claims here describe PassWing as built; keep
 * them true when features change.
 */
export type LandingLang = 'ko' | 'en';

/**
 * Version of the consent text (`form.consentText`), stored with each registration as
 * `<version>/<lang>`. Change it whenever the consent text changes.
 */
export const PREREGISTRATION_CONSENT_VERSION = '2026-12-v1';

export interface LandingContent {
  title: string;
  tagline: string;
  lead: string;
  ctaPrimary: string;
  ctaConsole: string;
  checklistTitle: string;
  checklistHint: string;
  checklist: string[];
  timelineTitle: string;
  before: { title: string; steps: string[] };
  after: { title: string; steps: string[] };
  examplesTitle: string;
  examples: { label: string; rule: string }[];
  templatesTitle: string;
  roadmapTitle: string;
  roadmap: { when: string; what: string }[];
  faqTitle: string;
  faq: { section: string; items: { q: string; a: string }[] }[];
  form: {
    title: string;
    benefit: string;
    name: string;
    email: string;
    phone: string;
    mall: string;
    volume: string;
    pains: string;
    tools: string;
    consentTitle: string;
    consentText: string;
    consentLabel: string;
    submit: string;
  };
  switchLang: string;
}

export const LANDING_CONTENT: Record<LandingLang, LandingContent> = {
  ko: {
    title: '패스윙 PassWing — 카페24 주문 자동 라벨링',
    tagline: '기준은 한 번만 정하세요. 모든 주문에 같은 판단을, 1~2초 안에.',
    lead: '주문이 들어오면 패스윙이 금액·배송지역·회원등급·구매이력·상품·시간·결제수단을 확인하고, 정해 둔 패스플로우에 따라 카페24 주문 화면에 바로 라벨을 붙입니다. 왜 그 라벨이 붙었는지도 기록으로 남습니다.',
    ctaPrimary: '사전 등록하고 2개월 무료 받기',
    ctaConsole: '콘솔 열기',
    checklistTitle: '이런 쇼핑몰이라면 도입 대상입니다',
    checklistHint: '2개 이상 해당되면 패스윙이 매일 시간을 돌려드립니다.',
    checklist: [
      '하루 주문이 30건 이상이고, 주문을 하나씩 열어 확인한다',
      '제주·도서산간 주문을 주소를 보고 골라낸다',
      'VIP·첫 구매 고객에게 사은품을 챙기다 가끔 빠뜨린다',
      '무통장입금 미입금 주문을 엑셀로 따로 관리한다',
      '반품이 잦은 고객을 CS팀이 기억에 의존해 구분한다',
      '이벤트 날이면 주문 분류가 밀려 출고가 늦어진다',
      '같은 고객의 연속 주문을 합포장하지 못해 배송비가 샌다',
    ],
    timelineTitle: '도입 전과 후',
    before: {
      title: '지금',
      steps: [
        '09:00 밤새 들어온 주문 200건을 하나씩 열어본다',
        '10:30 스프레드시트의 기준표와 대조하며 메모를 단다',
        '11:30 제주 주문과 고액 주문을 다시 골라낸다',
        '13:00 담당자마다 기준이 달라 출고 직전에 재확인',
      ],
    },
    after: {
      title: '패스윙과 함께',
      steps: [
        '주문 접수 즉시 라벨 부착 (제주배송, 고액주문, VIP …)',
        '출근하면 라벨별로 정리된 주문 목록을 바로 처리',
        '판단 근거는 실행 기록에: "상품구매금액 120,000원 ≥ 100,000원"',
        '기준을 바꾸기 전에 최근 주문으로 미리보기',
      ],
    },
    examplesTitle: '실제 예시',
    examples: [
      { label: '고위험주문', rule: '10만원 이상 + 첫 구매 + 해외 IP' },
      { label: '제주배송', rule: '배송 권역이 제주 또는 도서산간 (우편번호 표 + 주소 보정)' },
      { label: 'VIP', rule: '누적 구매금액 100만원 이상 (이번 주문 포함)' },
      { label: '합포장가능', rule: '같은 고객이 60분 안에 다른 주문을 했으면 두 주문 모두' },
      { label: 'CS주의', rule: '최근 90일 반품 주문 2건 이상' },
      { label: '당일배송', rule: '새벽 5시 전 주문 + 당일배송 상품 포함' },
    ],
    templatesTitle: '바로 쓰는 템플릿 19종',
    roadmapTitle: '로드맵',
    roadmap: [
      { when: '지금', what: '주문 라벨 자동화, 템플릿 19종, 시뮬레이션, 실행 기록, 백필' },
      { when: '출시', what: '카페24 앱스토어 공개, 사전 등록 고객 2개월 무료 자동 적용' },
      { when: '다음', what: '사은품 재고 연동, 라벨 만료(N일 후 자동 제거), 정기 실행' },
    ],
    faqTitle: '자주 묻는 질문',
    faq: [
      {
        section: '서비스 개요',
        items: [
          {
            q: '패스윙은 무엇인가요?',
            a: '카페24 주문이 들어오는 순간 정해 둔 기준(패스플로우)으로 판단해 카페24 주문 화면에 라벨을 붙이고, 메모·사은품 대상·CS 표시·배송 보류·알림까지 처리하는 주문 자동화 앱입니다.',
          },
          {
            q: '라벨은 어디에 보이나요?',
            a: '카페24 관리자 주문 목록의 "주문 라벨" 칸입니다. 카페24 라벨은 주문 품목 단위로 붙으므로, 패스윙은 주문의 품목마다(또는 조건에 맞은 품목에만) 붙입니다.',
          },
        ],
      },
      {
        section: '사용 & 설치',
        items: [
          {
            q: '설치는 어떻게 하나요?',
            a: '카페24 앱으로 설치하면 권한 동의 후 바로 연결되고, 최근 90일 주문을 불러와 고객 이력을 만듭니다. 템플릿을 고르고 숫자만 바꾸면 다음 주문부터 적용됩니다.',
          },
          {
            q: '개발자가 없어도 되나요?',
            a: '네. 규칙 편집기는 "상품구매금액 ≥ 100,000원" 같은 문장을 고르는 방식이고, 잘못된 기준은 해당 칸에 한국어로 바로 알려 줍니다.',
          },
        ],
      },
      {
        section: '기능',
        items: [
          {
            q: '적용 전에 결과를 볼 수 있나요?',
            a: '시뮬레이션으로 최근 주문이나 직접 고친 예시 주문에 대해 조건별로 본 값과 결과를 보여 주고, 드라이런은 기간 내 주문 중 어떤 주문이 라벨을 얻고 잃는지 미리 보고합니다.',
          },
          {
            q: '사람이 직접 붙인 라벨도 지워지나요?',
            a: '아니요. 패스윙은 자신이 붙인 라벨만 기록해 두고 그 라벨만 고칩니다. 사람이 붙인 라벨은 절대 건드리지 않습니다.',
          },
        ],
      },
      {
        section: '운영 & 효과',
        items: [
          {
            q: '이벤트 날 주문이 몰리면요?',
            a: '주문 이벤트를 쇼핑몰별로 묶어 한 번에 조회하고 라벨을 모아서 기록합니다. 카페24 호출 한도(쇼핑몰당 40회, 초당 2회)를 넘지 않도록 조절하며, 웹훅이 유실되어도 5분마다 대조해 빠진 주문을 처리합니다.',
          },
          {
            q: '왜 이 라벨이 붙었는지 알 수 있나요?',
            a: '모든 판단은 실행 기록으로 남습니다. 조건마다 본 값과 결과, 실행한 작업과 그 결과, 접수→판단→라벨 시각까지 볼 수 있습니다.',
          },
        ],
      },
      {
        section: '요금 & 출시',
        items: [
          {
            q: '사전 등록 혜택은 무엇인가요?',
            a: '출시 안내를 가장 먼저 받고, 출시 후 2개월 무료가 자동으로 적용됩니다(사전 등록한 쇼핑몰 아이디 또는 이메일로 설치하면 됩니다). 보내 주신 의견과 자동화 요청을 먼저 반영합니다.',
          },
        ],
      },
      {
        section: '플랫폼 & 확장',
        items: [
          {
            q: '카페24 말고도 되나요?',
            a: '지금은 카페24 전용입니다. 엔진은 플랫폼 중립적인 주문 모델 위에서 동작하도록 만들어 두었습니다.',
          },
          {
            q: '주문이 아주 많아도 되나요?',
            a: '기본은 내장 SQLite로 설치 없이 동작하고, 규모가 커지면 PostgreSQL로 웹과 워커를 여러 대로 나눠 실행할 수 있습니다.',
          },
        ],
      },
      {
        section: '보안 & 안정성',
        items: [
          {
            q: '개인정보는 어떻게 다루나요?',
            a: '규칙에 필요한 정보만 저장하고, 토큰과 개인정보는 AES-256-GCM으로 암호화합니다. 화면과 로그에는 이름·전화번호를 가려서(김○○) 보여 주며, 보관 기간(기본 90일)이 지나면 개인정보를 파기합니다.',
          },
          {
            q: '다른 쇼핑몰이 우리 데이터를 볼 수 있나요?',
            a: '모든 데이터는 쇼핑몰 단위로 분리되어 있고, 콘솔 요청은 카페24 앱 실행 서명(HMAC)으로 인증된 쇼핑몰의 데이터만 다룹니다.',
          },
        ],
      },
      {
        section: '기타',
        items: [
          {
            q: '원하는 기준이 템플릿에 없어요.',
            a: '콘솔의 "운영 의견 / 자동화 기준 요청"으로 보내 주세요. 사전 등록 고객의 요청을 먼저 검토합니다.',
          },
        ],
      },
    ],
    form: {
      title: '사전 등록',
      benefit: '출시 후 2개월 무료 · 출시 소식 우선 안내 · 자동화 요청 우선 반영',
      name: '이름',
      email: '이메일',
      phone: '휴대폰 번호',
      mall: '카페24 쇼핑몰 아이디 또는 주소',
      volume: '하루 평균 주문 수 (선택)',
      pains: '가장 불편한 점 (선택)',
      tools: '지금 쓰는 도구 (선택)',
      consentTitle: '개인정보 수집·이용 동의 (필수)',
      consentText:
        '수집 항목: 이름, 이메일, 휴대폰 번호, 쇼핑몰 아이디 · 목적: 출시 안내, 사전 등록 혜택 적용, 문의 응대 · 보유 기간: 사전 등록 목적 달성(출시 혜택 적용) 후 지체 없이 파기. 동의를 거부할 수 있으나 이 경우 사전 등록이 되지 않습니다.',
      consentLabel: '위 내용에 동의합니다',
      submit: '사전 등록하기',
    },
    switchLang: 'English',
  },
  en: {
    title: 'PassWing — automatic order labels for Cafe24',
    tagline: 'Set a criterion once. Every order gets the same decision, within a second or two.',
    lead: "When an order arrives, PassWing checks its amount, shipping region, customer grade and history, products, time and payment, evaluates your PassFlows and writes labels straight into Cafe24's order screen — with a record of why.",
    ctaPrimary: 'Pre-register: 2 months free',
    ctaConsole: 'Open the console',
    checklistTitle: 'Is PassWing for you?',
    checklistHint: 'Two or more ticks and PassWing gives you hours back every day.',
    checklist: [
      'More than 30 orders a day, each opened and checked by hand',
      'Jeju and island orders picked out by reading addresses',
      'VIP and first-order gifts sometimes forgotten',
      'Unpaid bank-transfer orders tracked in a spreadsheet',
      'Return-heavy customers recognised only from memory',
      'Event days delay shipping because sorting falls behind',
      'Consecutive orders of one customer shipped separately',
    ],
    timelineTitle: 'Before and after',
    before: {
      title: 'Today',
      steps: [
        '09:00 open 200 overnight orders one by one',
        '10:30 compare with the spreadsheet of criteria, type memos',
        '11:30 pick out Jeju and high-value orders again',
        '13:00 re-check before shipping because people judged differently',
      ],
    },
    after: {
      title: 'With PassWing',
      steps: [
        'Labels on arrival (Jeju shipping, high value, VIP …)',
        'Start the day with orders sorted by label',
        'The reason in the run history: "product amount 120,000 won ≥ 100,000 won"',
        'Preview a changed criterion on recent orders first',
      ],
    },
    examplesTitle: 'Real examples',
    examples: [
      { label: 'HIGH_RISK', rule: '≥ 100,000 won + first order + overseas IP' },
      { label: 'JEJU_REMOTE', rule: 'shipping zone Jeju or remote island (zip table + address)' },
      { label: 'VIP', rule: 'lifetime purchases ≥ 1,000,000 won, this order included' },
      { label: 'BUNDLE_HINT', rule: 'same customer ordered again within 60 minutes: both orders' },
      { label: 'CS_CAUTION', rule: '2 or more orders with returns in the last 90 days' },
      { label: 'DAWN_SAME_DAY', rule: 'placed before 05:00 with a same-day item' },
    ],
    templatesTitle: '19 ready-made templates',
    roadmapTitle: 'Roadmap',
    roadmap: [
      { when: 'Now', what: 'order labels, 19 templates, simulation, run history, backfill' },
      {
        when: 'Launch',
        what: 'Cafe24 app store; 2 months free applied automatically for pre-registered malls',
      },
      { when: 'Next', what: 'gift stock, label expiry after N days, scheduled runs' },
    ],
    faqTitle: 'FAQ',
    faq: [
      {
        section: 'Overview',
        items: [
          {
            q: 'What is PassWing?',
            a: "An order-automation app for Cafe24: it evaluates your criteria (PassFlows) the moment an order arrives and writes labels into Cafe24's order screen, plus memos, gift targets, CS flags, shipment holds and alerts.",
          },
        ],
      },
      {
        section: 'Security & reliability',
        items: [
          {
            q: 'How is personal data handled?',
            a: 'Only what rules need is stored; tokens and personal fields are encrypted (AES-256-GCM), masked in the console and logs, and destroyed after the retention period (90 days by default).',
          },
          {
            q: 'What if Cafe24 loses a webhook?',
            a: 'A reconciliation poll every 5 minutes picks up any order whose latest state was not evaluated.',
          },
        ],
      },
    ],
    form: {
      title: 'Pre-register',
      benefit: '2 months free after launch · first to hear · your automation requests first',
      name: 'Name',
      email: 'E-mail',
      phone: 'Mobile number',
      mall: 'Cafe24 mall id or URL',
      volume: 'Orders per day (optional)',
      pains: 'Main pains (optional)',
      tools: 'Current tools (optional)',
      consentTitle: 'Consent to the collection and use of personal data (required)',
      consentText:
        'Items: name, e-mail, mobile number, mall id · Purpose: launch notice, pre-registration benefit, answering you · Retention: destroyed without delay once the pre-registration purpose is met (benefit applied). You may refuse, but then we cannot register you.',
      consentLabel: 'I agree',
      submit: 'Pre-register',
    },
    switchLang: '한국어',
  },
};

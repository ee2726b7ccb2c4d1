"""Korean (ko) translations of the demo pages' text: {English segment: Korean}.

Keys are the segments wagtail-localize extracts from the English pages (practice.demo.translations),
exactly as it gives them: plain text with `&` written `&amp;`, inline tags such as <strong> kept
(the Korean must keep them too). A demo translation, awaiting review by a clinician who speaks
Korean; not clinical advice. Names, phone numbers and addresses stay as they are.
"""

STRINGS = {
    # Home page
    "Home": "홈",
    "Culturally informed therapy in New Jersey for first- and second-generation South/East Asian and BIPOC women. In person in Jersey City and by telehealth.": (
        "뉴저지에서 이민 1세대·2세대 남아시아·동아시아 여성과 BIPOC 여성을 위해, 문화를 이해하는 심리상담을 "
        "제공합니다. 저지시티에서 대면 상담을, 뉴저지 전역에서 원격 상담을 받으실 수 있어요."
    ),
    "You don’t have to carry it all alone": "모든 짐을 혼자 짊어지지 않아도 괜찮아요",
    "We Rise is a New Jersey therapy practice for first- and second-generation South Asian, East Asian and BIPOC women. We understand the pressure to be the strong one, because many of us grew up with it too.": (
        "We Rise는 이민 1세대·2세대 남아시아, 동아시아, BIPOC 여성을 위한 뉴저지의 심리상담 클리닉입니다. "
        "늘 강한 사람이어야 한다는 부담을 저희도 잘 알아요. 저희 중 많은 사람이 그 부담 속에서 자랐거든요."
    ),
    "Request a free consultation": "무료 상담 신청하기",
    "Who we serve": "저희가 함께하는 분들",
    "Many of our clients are the first in their families to go to college, build a career far from home, or say out loud that they are struggling. They are navigating two cultures at once, high expectations, and relationships that feel harder than they should.": (
        "저희를 찾는 분들 중에는 집안에서 처음으로 대학에 가거나, 고향을 멀리 떠나 커리어를 쌓거나, "
        "힘들다는 말을 처음으로 꺼낸 분이 많아요. 두 문화를 동시에 살아가며 높은 기대를 감당하고, "
        "생각보다 훨씬 어렵게 느껴지는 관계 속에서 길을 찾고 계시지요."
    ),
    "Therapy here is a private place to slow down, be understood without translating yourself, and build the steadier, kinder relationships you want: with others and with yourself.": (
        "이곳에서의 상담은 잠시 숨을 고르고, 나를 애써 번역하지 않아도 있는 그대로 이해받으며, 바라던 더 "
        "안정적이고 따뜻한 관계를 만들어 가는 안전한 공간입니다. 다른 사람과의 관계도, 나 자신과의 관계도요."
    ),
    "How we can help": "이렇게 도와드려요",
    "Meet our clinicians": "상담사를 소개합니다",
    "From our blog": "블로그 소식",
    "Take the first step": "첫걸음을 내디뎌 보세요",
    "Reaching out is brave. Tell us a little about what you are looking for and we will get back to you.": (
        "도움을 청하는 것은 용기 있는 일이에요. 어떤 도움을 찾고 계신지 조금만 알려 주시면 저희가 연락드릴게요."
    ),
    # Services index
    "Services": "상담 서비스",
    "Every service starts with a free 15-minute consultation, so you can ask questions and see how it feels.": (
        "모든 서비스는 15분 무료 상담으로 시작해요. 궁금한 점을 물어보시고, 나와 잘 맞는지 편하게 느껴 보세요."
    ),
    # Service: cultural identity and life transitions
    "Cultural identity and life transitions": "문화적 정체성과 삶의 전환기",
    "Support for living between cultures, family expectations, and big changes such as moving, marriage, a new role or becoming a parent.": (
        "두 문화 사이에서의 삶과 가족의 기대, 그리고 이사, 결혼, 새로운 역할, 부모가 되는 일처럼 큰 변화를 "
        "겪을 때 곁에서 함께해요."
    ),
    "For first- and second-generation women who feel pulled between what their families expect and the lives they want to lead.": (
        "가족이 기대하는 삶과 내가 살고 싶은 삶 사이에서 마음이 갈라지는 이민 1세대·2세대 여성을 위한 상담입니다."
    ),
    "We listen to your story in your own words. You won’t have to explain your culture before you can be understood.": (
        "편한 말로 이야기를 들려주세요. 이해받기 위해 문화부터 설명하실 필요는 없어요."
    ),
    "$180 per 55-minute session.": "55분 상담 1회에 $180입니다.",
    "Ready to talk?": "이야기를 나눌 준비가 되셨나요?",
    "Request a free 15-minute consultation. We will reach out to find a time that works for you.": (
        "15분 무료 상담을 신청해 주세요. 편하신 시간을 함께 정할 수 있도록 저희가 연락드릴게요."
    ),
    # Fees and insurance
    "Fees &amp; insurance": "비용 및 보험",
    "What sessions cost, which insurance we take, and how self-pay and the sliding scale work.": (
        "상담 비용과 이용 가능한 보험, 그리고 본인 부담과 소득 연동 할인(슬라이딩 스케일)을 안내해 드려요."
    ),
    "Session fees": "상담 비용",
    "Individual session (55 minutes): $180": "개인 상담(55분): $180",
    "Couples or family session (80 minutes): $220": "커플 또는 가족 상담(80분): $220",
    "Free 15-minute consultation call": "15분 무료 상담 전화",
    "Insurance we take": "이용 가능한 보험",
    "We are in network with the carriers below; each clinician’s page lists their panels. For other plans we give you a monthly superbill to submit for out-of-network reimbursement.": (
        "저희는 아래 보험사의 네트워크에 속해 있어요. 상담사마다 이용 가능한 보험은 각 상담사 페이지에서 "
        "확인하실 수 있어요. 다른 보험 플랜을 이용하시면 네트워크 외 환급을 청구하실 수 "
        "있도록 매달 슈퍼빌을 드려요."
    ),
    "Sliding scale": "소득 연동 할인(슬라이딩 스케일)",
    "The clinicians named below keep part of their week for a reduced fee, from $90 to $150 for an individual session. You and your clinician agree on the fee together and look at it again every six months.": (
        "아래에 이름이 나온 상담사들은 매주 시간의 일부를 할인된 비용으로 상담해요. 개인 상담 1회에 $90에서 $150 사이예요. "
        "비용은 상담사와 함께 정하고, 6개월마다 다시 살펴봐요."
    ),
    "<strong>Who can ask:</strong> anyone paying for themselves for whom the full fee would stand in the way of therapy: students, people between jobs, caregivers, anyone whose budget is stretched. You do not need to explain why.": (
        "<strong>신청할 수 있는 분:</strong> 상담비를 직접 내시는데 정상 비용이 상담을 받는 데 걸림돌이 되는 "
        "분이라면 누구나요. 학생, 구직 중인 분, 가족을 돌보는 분, 살림이 빠듯한 분 모두 해당돼요. 이유를 "
        "설명하실 필요는 없어요."
    ),
    "<strong>How to ask:</strong> say so on your free 15-minute first call, or choose “Self-pay” and mention the sliding scale when you request a consultation. We talk it through on the first call and tell you honestly whether a spot is open now or when one will be.": (
        "<strong>신청 방법:</strong> 15분 무료 첫 통화에서 말씀해 주시거나, 상담을 신청하실 때 “본인 "
        "부담”을 선택하고 소득 연동 할인을 원한다고 적어 주세요. 첫 통화에서 함께 이야기 나누고, "
        "지금 자리가 있는지 아니면 언제 생길지 솔직하게 알려 드릴게요."
    ),
    "We never ask for proof of income, and nothing about your finances is asked for on this website.": (
        "소득 증빙은 절대 요구하지 않으며, 이 웹사이트에서는 재정 상황에 관해 아무것도 묻지 않아요."
    ),
    "Self-pay": "본인 부담",
    "If you pay for yourself, you will receive a Good Faith Estimate of the expected costs before your first session.": (
        "상담비를 직접 내시는 경우, 첫 상담 전에 예상 비용을 담은 선의의 견적서(GFE)를 드려요."
    ),
}

# Settings → Practice details → In other languages: the practice's own words in Korean. The
# address is left to the English one (mail and maps use it) and the reply promise to the
# interface's translation of the English one.
PRACTICE_WORDING = {
    "tagline": "뉴저지에서 이민 1세대·2세대 유색인종 여성을 위한 심리상담",
    "hours": "월요일~목요일, 오전 9시~오후 8시\n금요일, 오전 9시~오후 3시\n뉴저지 전역 원격 상담",
}

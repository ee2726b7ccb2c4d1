"""Hindi (hi) translations of the demo pages' text: {English segment: Hindi}.

Keys are the segments wagtail-localize extracts from the English pages (practice.demo.translations),
exactly as it gives them: plain text with `&` written `&amp;`, inline tags such as <strong> kept
(the Hindi must keep them too). A demo translation, awaiting review by a clinician who speaks
Hindi; not clinical advice. Names, phone numbers and addresses stay as they are.
"""

STRINGS = {
    # Home page
    "Home": "होम",
    "Culturally informed therapy in New Jersey for first- and second-generation South/East Asian and BIPOC women. In person in Jersey City and by telehealth.": (
        "न्यू जर्सी में पहली और दूसरी पीढ़ी की दक्षिण एशियाई, पूर्वी एशियाई और BIPOC महिलाओं के लिए, उनकी "
        "संस्कृति को समझने वाली थेरेपी। जर्सी सिटी में आमने-सामने, और टेलीहेल्थ (वीडियो) से भी।"
    ),
    "You don’t have to carry it all alone": "आपको सारा बोझ अकेले नहीं उठाना है",
    "We Rise is a New Jersey therapy practice for first- and second-generation South Asian, East Asian and BIPOC women. We understand the pressure to be the strong one, because many of us grew up with it too.": (
        "We Rise न्यू जर्सी की एक थेरेपी प्रैक्टिस है, पहली और दूसरी पीढ़ी की दक्षिण एशियाई, पूर्वी एशियाई और "
        "BIPOC महिलाओं के लिए। हमेशा मज़बूत बने रहने का दबाव हम समझते हैं, क्योंकि हम में से कई लोग भी इसी के "
        "साथ बड़े हुए हैं।"
    ),
    "Request a free consultation": "मुफ़्त परामर्श के लिए अनुरोध करें",
    "Who we serve": "हम किनके साथ काम करते हैं",
    "Many of our clients are the first in their families to go to college, build a career far from home, or say out loud that they are struggling. They are navigating two cultures at once, high expectations, and relationships that feel harder than they should.": (
        "हमारे पास आने वाले कई लोग अपने परिवार में पहले हैं जो कॉलेज गए, घर से दूर अपना करियर बना रहे हैं, या "
        "जिन्होंने पहली बार खुलकर कहा है कि वे मुश्किल में हैं। वे एक साथ दो संस्कृतियों, ऊँची उम्मीदों और ऐसे "
        "रिश्तों के बीच अपना रास्ता ढूँढ रहे हैं जो जितने मुश्किल होने चाहिए, उससे कहीं ज़्यादा मुश्किल लगते हैं।"
    ),
    "Therapy here is a private place to slow down, be understood without translating yourself, and build the steadier, kinder relationships you want: with others and with yourself.": (
        "यहाँ थेरेपी एक निजी जगह है, जहाँ आप थोड़ा ठहर सकते हैं, खुद का अनुवाद किए बिना समझे जा सकते हैं, और "
        "वे ज़्यादा स्थिर, ज़्यादा प्यार भरे रिश्ते बना सकते हैं जो आप चाहते हैं: दूसरों के साथ भी और अपने आप "
        "के साथ भी।"
    ),
    "How we can help": "हम कैसे मदद कर सकते हैं",
    "Meet our clinicians": "हमारे थेरेपिस्ट से मिलिए",
    "From our blog": "हमारे ब्लॉग से",
    "Take the first step": "पहला कदम उठाइए",
    "Reaching out is brave. Tell us a little about what you are looking for and we will get back to you.": (
        "मदद के लिए हाथ बढ़ाना हिम्मत की बात है। हमें थोड़ा-सा बताइए कि आप क्या ढूँढ रहे हैं, और हम आपसे संपर्क करेंगे।"
    ),
    # Services index
    "Services": "सेवाएँ",
    "Every service starts with a free 15-minute consultation, so you can ask questions and see how it feels.": (
        "हर सेवा 15 मिनट के मुफ़्त परामर्श से शुरू होती है, ताकि आप सवाल पूछ सकें और देख सकें कि आपको कैसा लगता है।"
    ),
    # Service: cultural identity and life transitions
    "Cultural identity and life transitions": "सांस्कृतिक पहचान और ज़िंदगी के बड़े बदलाव",
    "Support for living between cultures, family expectations, and big changes such as moving, marriage, a new role or becoming a parent.": (
        "दो संस्कृतियों के बीच जीने, परिवार की उम्मीदों और बड़े बदलावों में आपका साथ, जैसे नई जगह जाना, शादी, "
        "कोई नई भूमिका या माता-पिता बनना।"
    ),
    "For first- and second-generation women who feel pulled between what their families expect and the lives they want to lead.": (
        "पहली और दूसरी पीढ़ी की उन महिलाओं के लिए, जो परिवार की उम्मीदों और अपनी मनचाही ज़िंदगी के बीच खिंचाव "
        "महसूस करती हैं।"
    ),
    "We listen to your story in your own words. You won’t have to explain your culture before you can be understood.": (
        "हम आपकी कहानी आपके अपने शब्दों में सुनते हैं। समझे जाने के लिए आपको पहले अपनी संस्कृति समझाने की ज़रूरत नहीं होगी।"
    ),
    "$180 per 55-minute session.": "55 मिनट के हर सेशन के लिए $180।",
    "Ready to talk?": "बात करने के लिए तैयार हैं?",
    "Request a free 15-minute consultation. We will reach out to find a time that works for you.": (
        "15 मिनट के मुफ़्त परामर्श के लिए अनुरोध करें। आपके लिए सही समय तय करने के लिए हम आपसे संपर्क करेंगे।"
    ),
    # Fees and insurance
    "Fees &amp; insurance": "फ़ीस और बीमा",
    "What sessions cost, which insurance we take, and how self-pay and the sliding scale work.": (
        "सेशन की फ़ीस कितनी है, हम कौन-से बीमा लेते हैं, और खुद भुगतान (सेल्फ़-पे) और स्लाइडिंग स्केल कैसे काम करते हैं।"
    ),
    "Session fees": "सेशन की फ़ीस",
    "Individual session (55 minutes): $180": "व्यक्तिगत सेशन (55 मिनट): $180",
    "Couples or family session (80 minutes): $220": "कपल या परिवार सेशन (80 मिनट): $220",
    "Free 15-minute consultation call": "15 मिनट की मुफ़्त परामर्श कॉल",
    "Insurance we take": "हम कौन-से बीमा लेते हैं",
    "We are in network with the carriers below; each clinician’s page lists their panels. For other plans we give you a monthly superbill to submit for out-of-network reimbursement.": (
        "हम नीचे दी गई बीमा कंपनियों के नेटवर्क में हैं; हर थेरेपिस्ट के पेज पर लिखा है कि वे किन बीमा कंपनियों "
        "के साथ काम करते हैं। दूसरे प्लान के लिए हम आपको हर महीने एक सुपरबिल देते हैं, जिसे आप "
        "आउट-ऑफ़-नेटवर्क खर्च वापस पाने के लिए जमा कर सकते हैं।"
    ),
    "Sliding scale": "स्लाइडिंग स्केल (कम फ़ीस)",
    "The clinicians named below keep part of their week for a reduced fee, from $90 to $150 for an individual session. You and your clinician agree on the fee together and look at it again every six months.": (
        "नीचे जिन थेरेपिस्ट के नाम दिए गए हैं, वे हफ़्ते का कुछ समय कम फ़ीस पर सेशन के लिए रखते हैं: एक व्यक्तिगत सेशन के लिए $90 से "
        "$150 तक। फ़ीस आप और आपके थेरेपिस्ट मिलकर तय करते हैं, और हर छह महीने में उस पर फिर से बात करते हैं।"
    ),
    "<strong>Who can ask:</strong> anyone paying for themselves for whom the full fee would stand in the way of therapy: students, people between jobs, caregivers, anyone whose budget is stretched. You do not need to explain why.": (
        "<strong>कौन पूछ सकता है:</strong> कोई भी, जो खुद भुगतान करता है और जिसके लिए पूरी फ़ीस थेरेपी के "
        "रास्ते में रुकावट बन जाए: छात्र, जिनके पास अभी नौकरी नहीं है, परिवार की देखभाल करने वाले, या कोई भी "
        "जिसका बजट तंग है। आपको वजह बताने की ज़रूरत नहीं है।"
    ),
    "<strong>How to ask:</strong> say so on your free 15-minute first call, or choose “Self-pay” and mention the sliding scale when you request a consultation. We talk it through on the first call and tell you honestly whether a spot is open now or when one will be.": (
        "<strong>कैसे पूछें:</strong> अपनी 15 मिनट की मुफ़्त पहली कॉल पर बता दीजिए, या परामर्श का अनुरोध करते "
        "समय “खुद भुगतान (सेल्फ़-पे)” चुनिए और स्लाइडिंग स्केल का ज़िक्र कीजिए। हम पहली कॉल पर इस बारे में बात "
        "करेंगे और आपको ईमानदारी से बताएँगे कि अभी जगह खाली है या कब होगी।"
    ),
    "We never ask for proof of income, and nothing about your finances is asked for on this website.": (
        "हम कभी आय का सबूत नहीं माँगते, और इस वेबसाइट पर आपकी आर्थिक स्थिति के बारे में कुछ भी नहीं पूछा जाता।"
    ),
    "Self-pay": "खुद भुगतान (सेल्फ़-पे)",
    "If you pay for yourself, you will receive a Good Faith Estimate of the expected costs before your first session.": (
        "अगर आप खुद भुगतान करते हैं, तो पहले सेशन से पहले आपको अनुमानित खर्च का एक गुड फ़ेथ एस्टिमेट (GFE) मिलेगा।"
    ),
}

# Settings → Practice details → In other languages: the practice's own words in Hindi. The
# address is left to the English one (mail and maps use it) and the reply promise to the
# interface's translation of the English one.
PRACTICE_WORDING = {
    "tagline": "न्यू जर्सी में पहली और दूसरी पीढ़ी की ग़ैर-श्वेत महिलाओं के लिए थेरेपी",
    "hours": "सोमवार से गुरुवार, सुबह 9 बजे से रात 8 बजे तक\nशुक्रवार, सुबह 9 बजे से दोपहर 3 बजे तक\nपूरे न्यू जर्सी में टेलीहेल्थ",
}

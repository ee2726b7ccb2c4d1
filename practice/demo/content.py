"""The words of the demo practice, We Rise Therapy and Wellness (New Jersey).

Plain, warm language; fictional clinicians; no client testimonials. Rich text is
Wagtail's stored HTML, used as written; links between the demo's pages are made in
`practice.demo` (navigation) from the pages themselves, never from text here.
"""

PRACTICE = {
    "practice_name": "We Rise Therapy and Wellness",
    "tagline": "Therapy for first- and second-generation women of color in New Jersey",
    "phone": "(201) 555-0142",
    "email": "hello@werisetherapy.example",
    "address": "101 Hudson Street, Suite 2100\nJersey City, NJ 07302",
    "hours": "Monday to Thursday, 9 am to 8 pm\nFriday, 9 am to 3 pm\nTelehealth across New Jersey",
    "response_time_hours": 48,
    "response_time_text": "within two business days",
    "client_portal_url": "https://portal.werisetherapy.example/",
    "client_portal_label": "Client portal",
}

APPROACHES = [
    (
        "Cognitive Behavioral Therapy (CBT)",
        "Noticing the thoughts that drive anxiety and insecurity, and practicing new ways to respond.",
    ),
    (
        "Acceptance and Commitment Therapy (ACT)",
        "Making room for hard feelings while moving toward what matters to you.",
    ),
    (
        "Emotionally Focused Therapy (EFT)",
        "Understanding the emotional patterns between partners and building secure connection.",
    ),
    (
        "Internal Family Systems (IFS)",
        "Getting to know the protective parts of yourself with curiosity instead of judgment.",
    ),
    (
        "Culturally responsive therapy",
        "Care that takes your family, culture and identity seriously, without asking you to explain them first.",
    ),
]

HOME = {
    "title": "Home",
    "hero_heading": "You don’t have to carry it all alone",
    "hero_text": (
        "We Rise is a New Jersey therapy practice for first- and second-generation South Asian, East Asian "
        "and BIPOC women. We understand the pressure to be the strong one, because many of us grew up with it too."
    ),
    "audience_text": (
        "<p>Many of our clients are the first in their families to go to college, build a career far from home, "
        "or say out loud that they are struggling. They are navigating two cultures at once, high expectations, "
        "and relationships that feel harder than they should.</p>"
        "<p>Therapy here is a private place to slow down, be understood without translating yourself, and build "
        "the steadier, kinder relationships you want: with others and with yourself.</p>"
    ),
    "search_description": "Culturally informed therapy in New Jersey for first- and second-generation South/East Asian and BIPOC women. In person in Jersey City and by telehealth.",
}

SERVICES = [
    {
        "slug": "individual-therapy-for-relationship-issues",
        "title": "Individual therapy for relationship issues",
        "summary": "One-to-one therapy for trust, boundaries, people-pleasing and the patterns that keep showing up in your relationships.",
        "who_for": "<p>For women who find themselves holding back, over-giving, or bracing for disappointment with partners, friends or family, and who want to understand why and do it differently.</p>",
        "first_session": "<p>Your first session is 55 minutes. We talk about what brings you in, what you hope will change, and whether we feel like a good fit. You don’t need to prepare anything.</p>",
        "session_fee": 180,
        "session_minutes": 55,
        "fees_note": "<p>$180 per 55-minute session. We are in network with Aetna and Horizon Blue Cross Blue Shield and provide superbills for out-of-network reimbursement.</p>",
        "approaches": [
            "Cognitive Behavioral Therapy (CBT)",
            "Acceptance and Commitment Therapy (ACT)",
            "Culturally responsive therapy",
        ],
        "faqs": [
            (
                "Do I need to be in a relationship to come to therapy for relationship issues?",
                "<p>No. Many people come to understand patterns from past relationships, family, or friendships, or to prepare for the next one.</p>",
            ),
            (
                "Will you tell me to cut off my family?",
                "<p>No. We help you decide what closeness and boundaries look like for you, in a way that respects your culture and your values.</p>",
            ),
        ],
    },
    {
        "slug": "anxiety-therapy",
        "title": "Anxiety therapy",
        "summary": "Help with the racing thoughts, worry and always-on alertness that make it hard to rest, focus or enjoy what you have built.",
        "who_for": "<p>For high achievers who look calm from the outside and feel anything but on the inside: overthinking, trouble sleeping, dread before work or family events.</p>",
        "first_session": "<p>We get to know how anxiety shows up for you and agree on a first small goal. Many clients leave the first session with one practical tool to try.</p>",
        "session_fee": 180,
        "session_minutes": 55,
        "fees_note": "<p>$180 per 55-minute session. A limited number of sliding-scale spots are available; ask us.</p>",
        "approaches": ["Cognitive Behavioral Therapy (CBT)", "Acceptance and Commitment Therapy (ACT)"],
        "faqs": [
            (
                "Is anxiety therapy only for panic attacks?",
                "<p>No. Constant worry, perfectionism and feeling on edge are all reasons to reach out.</p>",
            )
        ],
    },
    {
        "slug": "cultural-identity-and-life-transitions",
        "title": "Cultural identity and life transitions",
        "summary": "Support for living between cultures, family expectations, and big changes such as moving, marriage, a new role or becoming a parent.",
        "who_for": "<p>For first- and second-generation women who feel pulled between what their families expect and the lives they want to lead.</p>",
        "first_session": "<p>We listen to your story in your own words. You won’t have to explain your culture before you can be understood.</p>",
        "session_fee": 180,
        "session_minutes": 55,
        "fees_note": "<p>$180 per 55-minute session.</p>",
        "approaches": ["Culturally responsive therapy", "Internal Family Systems (IFS)"],
        "faqs": [],
    },
    {
        "slug": "couples-and-family-therapy",
        "title": "Couples and family therapy",
        "summary": "Sessions for partners or family members who want to argue less, understand each other more, and find a way forward together.",
        "who_for": "<p>For couples, including intercultural and interfaith couples, and for adult family members working through conflict or caregiving decisions.</p>",
        "first_session": "<p>The first session is 80 minutes with everyone present. We map what is happening between you and what each of you hopes for.</p>",
        "session_fee": 220,
        "session_minutes": 80,
        "fees_note": "<p>$220 per 80-minute session. Couples therapy is often not covered by insurance; we will help you check.</p>",
        "approaches": ["Emotionally Focused Therapy (EFT)", "Culturally responsive therapy"],
        "faqs": [],
    },
]

CLINICIANS = [
    {
        "slug": "anjali-mehta",
        "title": "Anjali Mehta",
        "pronouns": "she/her",
        "credentials": "LCSW",
        "role": "Founder and clinical director",
        "license_number": "44SC05512300",
        "specialties": ["Relationship issues", "Trust and boundaries", "Perfectionism", "Cultural identity"],
        "languages": ["English", "Hindi", "Gujarati"],
        "services": ["individual-therapy-for-relationship-issues", "cultural-identity-and-life-transitions"],
        "sees_individuals": True,
        "sees_couples": False,
        "sees_families": False,
        "sees_teens": False,
        "offers_in_person": True,
        "offers_telehealth": True,
        "insurance_carriers": ["Aetna", "Horizon Blue Cross Blue Shield"],
        "offers_self_pay": True,
        "offers_sliding_scale": False,
        "accepting_new_clients": True,
        "palette": "dawn",
        "approaches": [
            "Cognitive Behavioral Therapy (CBT)",
            "Acceptance and Commitment Therapy (ACT)",
            "Culturally responsive therapy",
        ],
        "bio": "<p>I grew up as the eldest daughter of Gujarati immigrants in Edison, and I know how heavy it can be to hold everyone else together. I started We Rise so that women like us could find a therapist who gets it from the first session.</p><p>My work is warm, direct and practical. Together we look at where your patterns come from and practice new ways of showing up for yourself.</p>",
    },
    {
        "slug": "grace-kim",
        "title": "Grace Kim",
        "pronouns": "she/her",
        "credentials": "LPC",
        "role": "Licensed professional counselor",
        "license_number": "37PC00981200",
        "specialties": ["Anxiety", "Burnout", "Life transitions", "Family conflict"],
        "languages": ["English", "Korean"],
        "services": ["anxiety-therapy", "cultural-identity-and-life-transitions"],
        "sees_individuals": True,
        "sees_couples": False,
        "sees_families": False,
        "sees_teens": True,
        "offers_in_person": False,
        "offers_telehealth": True,
        "insurance_carriers": ["Aetna"],
        "offers_self_pay": True,
        "offers_sliding_scale": True,
        "accepting_new_clients": True,
        "palette": "sage",
        "approaches": ["Acceptance and Commitment Therapy (ACT)", "Internal Family Systems (IFS)"],
        "bio": "<p>Many of my clients are successful by every outside measure and exhausted on the inside. I help them slow down, listen to what their anxiety is protecting, and build lives that feel like their own.</p>",
    },
    {
        "slug": "nia-okafor",
        "title": "Nia Okafor",
        "pronouns": "she/her",
        "credentials": "LMFT",
        "role": "Licensed marriage and family therapist",
        "license_number": "37FI00122800",
        "specialties": [
            "Couples therapy",
            "Intercultural relationships",
            "Family conflict",
            "Caregiving stress",
        ],
        "languages": ["English", "Igbo"],
        "services": ["couples-and-family-therapy"],
        "sees_individuals": True,
        "sees_couples": True,
        "sees_families": True,
        "sees_teens": False,
        "offers_in_person": True,
        "offers_telehealth": True,
        "insurance_carriers": ["Horizon Blue Cross Blue Shield"],
        "offers_self_pay": True,
        "offers_sliding_scale": False,
        "accepting_new_clients": False,
        "palette": "dusk",
        "approaches": ["Emotionally Focused Therapy (EFT)", "Culturally responsive therapy"],
        "bio": "<p>I work with couples and families who love each other and keep ending up in the same painful arguments. My role is to slow the conversation down so that everyone can be heard.</p>",
    },
]

GFE_TEXT = (
    "<p>You have the right to receive a “Good Faith Estimate” explaining how much your medical care will cost.</p>"
    "<p>Under the law, health care providers need to give patients who don’t have insurance or who are not using "
    "insurance an estimate of the bill for medical items and services.</p>"
    "<ul><li>You have the right to receive a Good Faith Estimate for the total expected cost of any non-emergency "
    "items or services. This includes related costs like medical tests, prescription drugs, equipment, and hospital fees.</li>"
    "<li>Make sure your health care provider gives you a Good Faith Estimate in writing at least 1 business day before "
    "your medical service or item. You can also ask your health care provider, and any other provider you choose, for a "
    "Good Faith Estimate before you schedule an item or service.</li>"
    "<li>If you receive a bill that is at least $400 more than your Good Faith Estimate, you can dispute the bill.</li>"
    "<li>Make sure to save a copy or picture of your Good Faith Estimate.</li></ul>"
    "<p>For questions or more information about your right to a Good Faith Estimate, visit "
    '<a href="https://www.cms.gov/nosurprises">www.cms.gov/nosurprises</a> or call 1-800-985-3059.</p>'
)

NPP_TEXT = (
    "<h2>Your information, your rights</h2>"
    "<p>This notice describes how health information about you may be used and disclosed and how you can get access "
    "to this information. Please review it carefully.</p>"
    "<ul><li>You can ask to see or get a copy of your record.</li><li>You can ask us to correct your record.</li>"
    "<li>You can ask us to contact you in a specific way, for example only by phone, or only at a certain address.</li>"
    "<li>You can ask us to limit what we use or share.</li><li>You can get a list of those with whom we have shared information.</li>"
    "<li>You can file a complaint if you feel your rights are violated.</li></ul>"
    "<h2>Our uses and disclosures</h2>"
    "<p>We use your information to provide treatment, run our practice and bill for services. We never sell your "
    "information and never use it for marketing.</p>"
    "<h2>What you send through this website</h2>"
    "<p>Messages and consultation requests sent through this website are stored securely and read only by the "
    "staff who arrange first calls. Our notification emails never contain your name or what you wrote. Requests are "
    "deleted after one year unless you become a client.</p>"
    "<h2>Questions</h2><p>Contact our privacy officer at the phone number or email address in the footer.</p>"
)

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "intro": "A practice started by and for first- and second-generation women of color.",
        "body": "<p>We Rise Therapy and Wellness is a group practice in Jersey City, with telehealth across New Jersey. Our clinicians share many of the cultural experiences our clients bring, and all of us are trained in evidence-based approaches.</p><p>We believe therapy should feel like a place where you can finally put things down, without having to explain your family, your culture or your faith first.</p>",
    },
    {
        "slug": "faq",
        "title": "Frequently asked questions",
        "intro": "Answers to what people most often ask before reaching out.",
        "faqs": [
            (
                "How do I get started?",
                "<p>Send a consultation request. We will reply within two business days to set up a free 15-minute call.</p>",
            ),
            (
                "Do you offer telehealth?",
                "<p>Yes, by secure video to anyone who is in New Jersey during the session.</p>",
            ),
            (
                "Is what I write on the website private?",
                "<p>Yes. Only the staff who arrange first calls can read it, and our emails never include your name or message. Please keep details about your health for your first call.</p>",
            ),
        ],
    },
    {
        "slug": "notice-of-privacy-practices",
        "title": "Notice of Privacy Practices",
        "intro": "How we protect your health information, and your rights under HIPAA.",
        "body": NPP_TEXT,
    },
    {
        "slug": "good-faith-estimate",
        "title": "Good Faith Estimate",
        "intro": "Your right to an estimate of costs under the No Surprises Act.",
        "body": GFE_TEXT,
    },
    {
        "slug": "privacy-policy",
        "title": "Website privacy policy",
        "intro": "This website uses no trackers, no advertising and no third-party services.",
        "body": "<h2>What we collect</h2><p>Only what you choose to send us through the contact and consultation forms, and the short-lived technical logs any web server keeps. We use no analytics, no tracking pixels, no third-party fonts and no embedded content from other companies.</p><h2>Cookies</h2><p>The forms set one security cookie that protects them from forgery. It holds no information about you.</p><h2>How long we keep it</h2><p>Form submissions are deleted after one year unless you become a client.</p>",
    },
    {
        "slug": "browsing-safely",
        "title": "Browsing safely",
        "intro": "If someone else may see your screen or share your phone, a few steps keep your visit private.",
        "body": (
            "<h2>The “Exit this page” button</h2><p>Every page of this site has an “Exit this page” button at the "
            "top. It takes you straight to a weather website and replaces our page in your browser, so pressing "
            "Back does not return here. On a keyboard, pressing Shift three times does the same. Pages you "
            "opened before the one you leave from can still be in your history: see below.</p>"
            "<h2>Use a private window</h2><p>A private or incognito window does not keep the pages you visit, "
            "what you type or cookies once you close it. Open one from your browser’s menu before you visit us.</p>"
            "<h2>Clear your history</h2><p>If you did not use a private window, you can delete this website from "
            "your browser’s history in its settings (look for “History” or “Privacy”). Deleting only our pages is "
            "less noticeable than clearing everything.</p>"
            "<h2>On a shared device or phone</h2><p>Sign out of your email before you hand the device back, and "
            "remember that emails, texts and calls from us can be seen by others who use it. On the consultation "
            "request you choose how we may reach you: we only leave a voicemail, send a text or send an email if "
            "you check the box saying we may, and our messages do not say what they are about.</p>"
        ),
    },
]

"""Short original articles of the demo blog, besides the seed article.

Written for the practice's readers: first- and second-generation South/East Asian and
BIPOC women in New Jersey. Plain language, no client stories or testimonials. Bodies
are StreamField data used as written, except that a `call_to_action` block's `service`
is a service page's slug, which `blog.demo` swaps for that page.
"""

CATEGORIES = {
    "Managing stress": "Everyday pressure, burnout and the weight of expectations, and what helps.",
    "Family and culture": "Growing up between cultures, family expectations, and finding your own way.",
    "Anxiety": "What anxiety can look like, why it is not a personal failing, and how therapy helps.",
    "Starting therapy": "What to expect, what to ask, and how to find a therapist who gets it.",
    "Rest and self-care": "Treating rest as a need, not a prize, and caring for yourself without guilt.",
}

ARTICLES = [
    {
        "slug": "setting-boundaries-with-family",
        "title": "Setting Boundaries With Family Without Losing Yourself",
        "category": "Family and culture",
        "tags": ["boundaries", "family", "guilt", "first generation"],
        "service": "cultural-identity-and-life-transitions",
        "days_ago": 9,
        "palette": "sage",
        "image": "Soft green and moss circles blurred together, like leaves seen through a window.",
        "summary": "Saying no to family can feel like betrayal when you were raised to put everyone first. "
        "Boundaries are not walls; they are how you stay close without disappearing.",
        "body": [
            (
                "paragraph",
                "<p>If you grew up in a family where love was shown through sacrifice, the idea of setting a "
                "boundary can feel foreign, even selfish. Many of us learned early that a good daughter says "
                "yes: to the extra errand, the late-night call, the opinion about who to marry.</p>"
                "<p>But constantly overriding your own limits has a cost. Resentment builds quietly, and "
                "closeness starts to feel like obligation.</p>"
                "<h2>What a boundary is (and is not)</h2>"
                "<p>A boundary is a decision about what you will do, not a rule for what others must do. "
                "It is not a punishment, and it does not mean you love your family less.</p>"
                "<ul><li>“I can talk on Sundays, but not during my work day.”</li>"
                "<li>“I’m not going to discuss my weight at dinner.”</li>"
                "<li>“I can help with rent this month, but I can’t every month.”</li></ul>",
            ),
            (
                "pull_quote",
                {
                    "quote": "Boundaries are not walls. They are how you stay close without disappearing.",
                    "attribution": "",
                },
            ),
            (
                "paragraph",
                "<h2>When guilt shows up</h2>"
                "<p>Guilt is common, especially the first few times. It often means you are doing something "
                "new, not something wrong. Start small, keep it kind and short, and expect some pushback "
                "while everyone adjusts.</p>"
                "<p>Therapy can be a place to practice these conversations, sort out which expectations "
                "are yours to keep, and grieve the ones you are ready to set down.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Want support with family expectations?",
                    "text": "Our clinicians understand the pull between two cultures.",
                    "destination": "service",
                    "service": "cultural-identity-and-life-transitions",
                    "button_label": "Learn about cultural identity therapy",
                },
            ),
        ],
    },
    {
        "slug": "when-anxiety-looks-like-achievement",
        "title": "When Anxiety Looks Like Achievement",
        "category": "Anxiety",
        "tags": ["anxiety", "perfectionism", "burnout"],
        "service": "anxiety-therapy",
        "days_ago": 16,
        "palette": "dusk",
        "image": "Lilac and plum shapes drifting across a pale background.",
        "summary": "High-functioning anxiety can hide behind good grades, promotions and a full calendar. "
        "Here is how to notice it, and why you deserve rest before you burn out.",
        "body": [
            (
                "paragraph",
                "<p>From the outside, you look like you have it together. You are the one who remembers "
                "every birthday, finishes early and never drops the ball. Inside, it can feel like running "
                "on a treadmill you are afraid to step off.</p>"
                "<h2>Signs it might be more than ambition</h2>"
                "<ul><li>You replay conversations long after they end</li>"
                "<li>Rest makes you restless or guilty</li>"
                "<li>Praise feels like relief, not joy</li>"
                "<li>Small mistakes feel like proof you are failing</li></ul>"
                "<p>For many children of immigrants, achievement was also a way to honor a family’s "
                "sacrifices. That history matters, and it can make anxiety harder to name.</p>"
                "<h2>What helps</h2>"
                "<p>Anxiety responds well to therapy. Approaches such as CBT and ACT help you notice anxious "
                "thoughts, loosen their grip, and choose actions based on what you value rather than what "
                "you fear. You do not have to lose your drive to feel calmer.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Ready to feel less on edge?",
                    "text": "Start with a free 15-minute consultation.",
                    "destination": "consultation",
                    "service": "anxiety-therapy",
                    "button_label": "Request a free consultation",
                },
            ),
        ],
    },
    {
        "slug": "living-between-two-cultures",
        "title": "Living Between Two Cultures: Finding Your Own Middle Ground",
        "category": "Family and culture",
        "tags": ["identity", "family", "first generation"],
        "service": "cultural-identity-and-life-transitions",
        "days_ago": 23,
        "palette": "sand",
        "image": "Warm sand and terracotta circles overlapping on a cream background.",
        "summary": "Too much for one world and not enough for the other: the in-between can be lonely. "
        "It can also be a place where you decide who you want to be.",
        "body": [
            (
                "paragraph",
                "<p>Maybe you speak one language at home and another at work. Maybe you have felt “too "
                "American” at family gatherings and “too traditional” with friends. Living between "
                "cultures asks you to switch, constantly, and that takes energy.</p>"
                "<h2>You do not have to choose a side</h2>"
                "<p>Identity is not a test with one right answer. You can keep the traditions that nourish "
                "you, question the ones that hurt, and build something that is truly yours.</p>"
                "<h3>Questions worth sitting with</h3>"
                "<ul><li>Which values from my family do I want to carry forward?</li>"
                "<li>Where do I feel most like myself?</li>"
                "<li>What would I want the next generation to inherit from me?</li></ul>"
                "<p>Talking with a therapist who understands bicultural life can make this exploration "
                "feel less lonely, and a lot less like you are getting it wrong.</p>",
            ),
        ],
    },
    {
        "slug": "what-to-expect-in-your-first-therapy-session",
        "title": "What to Expect in Your First Therapy Session",
        "category": "Starting therapy",
        "tags": ["therapy basics", "first session"],
        "service": "individual-therapy-for-relationship-issues",
        "days_ago": 30,
        "palette": "dawn",
        "image": "Peach and rose shapes glowing like an early sunrise.",
        "summary": "Nervous about starting therapy? Most first sessions are a conversation, not an exam. "
        "Here is what usually happens and what you might want to ask.",
        "body": [
            (
                "paragraph",
                "<p>If therapy was not talked about in your family, walking into a first session can feel "
                "like a big step. It is. It is also usually gentler than people expect.</p>"
                "<h2>Before the session</h2>"
                "<p>We start with a free 15-minute phone consultation to answer your questions and make "
                "sure we are a good fit. You will not need to share your whole story on that call.</p>"
                "<h2>In the first session</h2>"
                "<ul><li>Your therapist explains confidentiality and how sessions work</li>"
                "<li>You talk about what brings you in, at your own pace</li>"
                "<li>Together you begin to sketch what you hope will change</li></ul>"
                "<h2>Questions you can ask</h2>"
                "<p>It is okay to ask your therapist about their training, their approach, and their "
                "experience with clients from backgrounds like yours. A good fit matters more than "
                "anything else in therapy.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Have a question before you begin?",
                    "text": "Request a free consultation and we will reach out to find a time.",
                    "destination": "consultation",
                    "service": "",
                    "button_label": "Request a free consultation",
                },
            ),
        ],
    },
    {
        "slug": "rest-is-not-a-reward",
        "title": "Rest Is Not a Reward: Unlearning Burnout",
        "category": "Rest and self-care",
        "tags": ["burnout", "rest", "perfectionism"],
        "service": "anxiety-therapy",
        "days_ago": 37,
        "palette": "sage",
        "image": "Quiet sage and deep green shapes softly blurred together.",
        "summary": "If rest only feels allowed once everything is done, it will never come. A few small "
        "ways to start treating rest as a need instead of a prize.",
        "body": [
            (
                "paragraph",
                "<p>Many of us learned that rest must be earned. Finish the work, help everyone, then maybe "
                "sit down. The problem is that the work is never finished.</p>"
                "<h2>Burnout is not a character flaw</h2>"
                "<p>Exhaustion, irritability and feeling numb are signals, not signs of weakness. They "
                "tell you that what you are carrying is more than one person can hold for long.</p>"
                "<h2>Small places to start</h2>"
                "<ul><li>Schedule a short break the way you would schedule a meeting</li>"
                "<li>Notice the voice that says you have not earned it, and answer it kindly</li>"
                "<li>Ask for help with one task this week</li></ul>"
                "<p>If burnout keeps coming back, therapy can help you look at the beliefs underneath it "
                "and build a life with more room to breathe.</p>",
            ),
        ],
    },
]

"""The communities as data: descriptions, rules, moderators and the phrases their posts and
comments are made of. Slots: {s} and {s2} subjects (products, projects, places...), {n} a number,
{price}, {sku}, {coupon}, {month}."""

from __future__ import annotations

from dataclasses import dataclass, field

from .seed_products import COUPONS, PRODUCTS, PROJECTS

__all__ = ["CommunityDef", "COMMUNITIES", "GENERIC_COMMENTS", "GENERIC_REPLIES"]


@dataclass(frozen=True)
class CommunityDef:
    """One community of the seed."""

    name: str
    title: str
    description: str
    topic: str
    color: str
    mods: tuple[str, ...]  # usernames; the first created the community
    rules: tuple[tuple[str, str], ...]
    titles: tuple[str, ...]
    bodies: tuple[str, ...]
    comments: tuple[str, ...]
    subjects: tuple[str, ...] = ()
    image: str = "shapes"  # picture kind of image posts
    links: tuple[str, ...] = ()
    posts: int = 18  # generated posts (notable posts come on top)
    restricted: bool = False
    audience: str = "all"  # who posts: all, customers, staff
    flairs: tuple[str, ...] = field(default=())


_BE_NICE = ("Be kind", "Attack ideas, not people. No insults, slurs or harassment.")
_NO_SPAM = ("No spam or self-promotion", "Affiliate links, referral codes and ads are removed.")
_ON_TOPIC = ("Stay on topic", "Posts must be about the subject of this community.")
_NO_PERSONAL = ("No personal information", "Never post order numbers, addresses or phone numbers.")

_PRODUCT_NAMES = tuple(f"{name} ({sku})" for sku, name, _ in PRODUCTS)

GENERIC_COMMENTS = (
    "Thanks for posting this, really useful.",
    "Saving this thread for later.",
    "I had the exact same experience last year.",
    "Can you share a bit more detail? Hard to say without knowing your setup.",
    "This is the kind of post I joined this community for.",
    "Great write-up. The part about the first week matches what I saw.",
    "Not sure I agree, but I appreciate the effort you put into this.",
    "Following. Curious what others think.",
    "Same question here, never found a clear answer.",
    "Came here to say this.",
)
GENERIC_REPLIES = (
    "Good point, I hadn't thought of that.",
    "Agreed, that matches my experience.",
    "That's fair. Thanks for explaining.",
    "Do you have a source for that? Genuinely curious.",
    "Ha, exactly what I was going to write.",
    "I tried that and it didn't work for me, unfortunately.",
    "This. Should be the top comment.",
    "Thanks! I'll try it this weekend and report back.",
    "Respectfully, I think it depends a lot on the use case.",
    "Updated my post with the answer, thanks.",
)

COMMUNITIES: tuple[CommunityDef, ...] = (
    CommunityDef(
        name="announcements",
        title="Threadline Announcements",
        description="Official news about Threadline: new features, maintenance windows and "
        "policy changes. Only the Threadline team can post here; everybody can comment.",
        topic="meta",
        color="#c2410c",
        mods=("admin",),
        restricted=True,
        rules=(_BE_NICE, ("Comments only", "Only the Threadline team posts here.")),
        titles=(
            "Scheduled maintenance on {month} {n}",
            "New: sort comments by oldest first",
            "Community guidelines refresh for {month}",
            "We now support image posts up to 2 MB",
            "Moderator tools update: ban durations and mod log filters",
        ),
        bodies=(
            "Threadline will be read-only for about 30 minutes while we upgrade the database. "
            "Posts and votes made before the window are safe.",
            "Thanks to everyone who sent feedback. The change is live for everyone today; tell "
            "us in the comments what works and what does not.",
            "We updated the guidelines to be clearer about spam, personal information and "
            "respectful disagreement. Moderators will start applying them next week.",
        ),
        comments=(
            "Thanks for the heads-up!",
            "Finally! Been waiting for this one.",
            "Will the mobile view get this too?",
            "Appreciate the transparency from the team.",
            "Any chance of a dark mode next?",
        ),
        posts=5,
        audience="admin",
    ),
    CommunityDef(
        name="northwind",
        title="Northwind Electronics Customers",
        description="The community of Northwind Electronics customers: product questions, "
        "reviews, setups, deals and order help. Staff from the store read along and answer. "
        "Please mention the product SKU (like KB-104) so others can find it.",
        topic="shopping",
        color="#2f5bd3",
        mods=("amber.holden", "nicholas.robinson", "christina.ponce"),
        rules=(
            _BE_NICE,
            ("Name the product", "Put the product name or SKU in the title of product posts."),
            _NO_PERSONAL,
            (
                "Order problems go to Customer Care",
                "We can point you in the right direction, "
                "but refunds and returns are handled by support@mail.test.",
            ),
            _NO_SPAM,
        ),
        subjects=_PRODUCT_NAMES,
        image="shapes",
        flairs=("Review", "Question", "Help", "Setup", "Deal"),
        titles=(
            "Review after {n} months: {s}",
            "Is the {s} worth ${price}?",
            "{s} vs {s2} — which one would you pick?",
            "Anyone else having connection drops with the {s}?",
            "Just unboxed the {s}, first impressions",
            "Firmware update for the {s} fixed my issue",
            "Question about the {s}: does it work with a Mac?",
            "Returned my {s}, here's why",
            "Best accessory for the {s}?",
            "Price drop on the {s}?",
        ),
        bodies=(
            "Bought it from Northwind in {month}. Build quality is great and it arrived in two "
            "days. The only thing I miss is a better manual. Happy overall, 4 out of 5.",
            "I'm torn between these two. Budget is flexible but I'd rather not pay for features "
            "I will never use. Mostly for work from home, some gaming on weekends.",
            "Every few hours it drops the connection and I have to re-pair it. Tried a reset "
            "and the latest firmware. Is it just my unit or a known thing?",
            "Setup took ten minutes. Pairing was painless and the companion app is decent. "
            "Will post an update after a month of daily use.",
            "It worked fine for the first weeks, then started acting up. Customer Care was "
            "quick and the return label came by email the same day.",
        ),
        comments=(
            "I have the same one, no problems after a year of daily use.",
            "Check the firmware version in the app, the latest one fixed this for me.",
            "Northwind support swapped mine within a week, just open a return.",
            "Honestly the cheaper model does 90% of what this one does.",
            "Mine came with a slightly scratched box but the product was fine.",
            "The SAVE20 coupon works on orders over $150 if you're still deciding.",
            "Went with the other one and regret it a bit. This is the better buy.",
            "Battery life is the real reason to get it.",
            "Ask Customer Care about the 30-day return window before you decide.",
        ),
        posts=70,
        audience="customers",
    ),
    CommunityDef(
        name="northwind_deals",
        title="Northwind Deals",
        description="Coupons, sales and price drops at Northwind Electronics, posted by "
        "customers and the marketing team. Expired deals are flaired, not removed.",
        topic="shopping",
        color="#15803d",
        mods=("julie.lawson",),
        rules=(
            ("Post the final price", "Include the price after coupons and shipping."),
            ("Real Northwind deals only", "Deals must be available on the Northwind store."),
            _NO_SPAM,
        ),
        subjects=_PRODUCT_NAMES,
        flairs=("Deal", "Expired", "Coupon"),
        titles=(
            "{s} down to ${price}",
            "Coupon {coupon} still works on the {s}",
            "Spring sale: {s} with {coupon}",
            "PSA: free shipping over $50 includes the {s}",
        ),
        bodies=(
            "Stacked with {coupon} at checkout, final price shown in the cart. Free standard "
            "shipping too.",
            "Price history says this is the lowest it has been this year.",
            "Coupon applies to the whole cart, not only this item. Worked for me today.",
        ),
        comments=(
            "Thanks, just ordered one.",
            "Coupon said invalid for me, maybe it has a minimum subtotal?",
            "Expired already, sadly.",
            "Good find! Adding to my wishlist.",
            "AUDIO25 only works on headphones, FYI.",
        ),
        posts=22,
        audience="customers",
    ),
    CommunityDef(
        name="northwind_dev",
        title="Northwind Dev & IT",
        description="Internal community of the Northwind Electronics team: the software we "
        "build and run (web-shop, checkout, inventory-service...), releases, incidents and "
        "feature requests. The projects live in the code tracker (http://code.test) in the "
        "groups storefront, platform, internal-tools, docs and libs.",
        topic="work",
        color="#7c3aed",
        mods=("amber.holden", "david.phillips"),
        rules=(
            ("Link the issue", "Name the project and the issue number when there is one."),
            ("No secrets", "Never paste passwords, tokens or customer data."),
            _BE_NICE,
        ),
        subjects=tuple(PROJECTS),
        image="chart",
        flairs=("Release", "Incident", "Request", "RFC", "Question"),
        titles=(
            "RFC: move {s} to the new deploy pipeline",
            "{s}: release notes for v{n}.{n2}",
            "Incident review: {s} outage on {month} {n}",
            "Feature request for {s}: export to CSV",
            "Flaky tests in {s} are blocking merges",
            "Who owns {s} on-call this week?",
            "{s} and {s2} disagree about stock levels",
            "Proposal: retire the old admin pages in {s}",
        ),
        bodies=(
            "Context: {s} is {desc}. The current setup works but every change needs a manual "
            "step. I'd like us to agree on a plan before the next sprint. Comments welcome.",
            "Summary: customers saw errors for about 40 minutes. Root cause was a config change "
            "that was not reviewed. Action items are tracked as issues in the {s} project.",
            "The team asked for this twice this quarter. It would save Customer Care about an "
            "hour a day. Happy to test a build.",
            "Tests pass locally and fail in CI about one run in five. Could someone look at the "
            "test database setup?",
        ),
        comments=(
            "+1, this bites us every release.",
            "I opened an issue for this in the tracker, let's keep the discussion there.",
            "Can we schedule it after the stocktake? The warehouse team is swamped.",
            "The fix is in review, should land this week.",
            "Looks good to me. Let's try it on one project first.",
            "Could we get a short runbook in the docs project for this?",
            "Marketing would love to have this before the summer campaign.",
        ),
        posts=30,
        audience="staff",
    ),
    CommunityDef(
        name="mechanicalkeyboards",
        title="Mechanical Keyboards",
        description="Switches, keycaps, custom builds and typing tests. Show us your board.",
        topic="tech",
        color="#0f766e",
        mods=("thomas.barry", "kristi.brooks"),
        rules=(
            _BE_NICE,
            ("Photos need specs", "Image posts list the board, switches and caps."),
            _NO_SPAM,
        ),
        subjects=(
            "Keychron Q1 Pro",
            "Keychron K2 Pro",
            "Keychron V6",
            "65% custom board",
            "TKL build",
        ),
        image="keyboard",
        flairs=("Build", "Help", "Discussion", "Photos"),
        titles=(
            "My first build: {s} with lubed Gateron browns",
            "Is lubing switches worth the time?",
            "Finally finished my {s}",
            "Help: chattering keys on my {s}",
            "Linear or tactile for programming?",
            "Desk setup with my {s}",
        ),
        bodies=(
            "Took me a weekend. The stabilizers were the hardest part, the rest was easy.",
            "Sound test coming soon. Foam mod made a huge difference on the bottom-out.",
            "Two keys register twice. Already tried compressed air. Hot-swap so I can replace.",
        ),
        comments=(
            "That colorway is gorgeous.",
            "Clean build! What lube did you use?",
            "Tactile for me, I like knowing the key registered.",
            "Try reseating the switch before replacing it.",
            "The Q1 Pro is a tank, great choice.",
        ),
        posts=24,
    ),
    CommunityDef(
        name="headphones",
        title="Headphones & Audio",
        description="Headphones, earbuds, DACs and everything about listening.",
        topic="tech",
        color="#be123c",
        mods=("shelly.robinson",),
        rules=(_BE_NICE, _ON_TOPIC, _NO_SPAM),
        subjects=(
            "Sony WH-1000XM5",
            "Bose QuietComfort Ultra",
            "Sony MDR-7506",
            "Sony WF-1000XM5",
            "Bose QuietComfort Earbuds II",
        ),
        titles=(
            "{s} vs {s2} for flights?",
            "Noise cancelling on the {s} after a year",
            "Best EQ settings for the {s}",
            "Are studio headphones good for music?",
            "Ear pads for the {s} wearing out",
        ),
        bodies=(
            "I fly every other week. Comfort over four hours matters more than sound.",
            "ANC is still great but the ear pads are flaking. Replacement pads are cheap.",
            "Bass is a bit much out of the box. Here's what I ended up with.",
        ),
        comments=(
            "The Sony ones fold smaller, that decided it for me.",
            "Bose is more comfortable for long flights.",
            "Try lowering 250 Hz a little.",
            "Replacement pads take five minutes to install.",
        ),
        posts=20,
    ),
    CommunityDef(
        name="photography",
        title="Photography",
        description="Share photos, ask about gear and technique. Critique is welcome when "
        "asked for.",
        topic="hobby",
        color="#1d4ed8",
        mods=("mary.evans", "robert.armstrong"),
        rules=(
            _BE_NICE,
            ("Credit your photos", "Only post photos you took yourself."),
            ("Say what you want", "Add [CC] to the title if you want critique."),
        ),
        subjects=(
            "Sony a7 IV",
            "Canon EOS R8",
            "Sony ZV-E10 II",
            "Fujifilm X100V",
        ),
        image="landscape",
        flairs=("Photo", "Gear", "Critique", "Question"),
        titles=(
            "The harbor at sunrise",
            "Fog over the lake this morning",
            "[CC] First landscape with my {s}",
            "Upgrading from a phone to the {s}?",
            "Old mill at golden hour, shot on the {s}",
            "Which lens for street photography?",
        ),
        bodies=(
            "Shot handheld at 1/250, f/8, ISO 200. Light edit in the usual app.",
            "Honest critique welcome. I feel the horizon is off but cannot tell why.",
            "I mostly shoot my kids and travel. Is full frame overkill?",
        ),
        comments=(
            "Beautiful light.",
            "Horizon looks tilted about a degree to the left.",
            "Crop a little from the top and it's perfect.",
            "For kids and travel the smaller body is easier to carry every day.",
            "What time of day was this?",
        ),
        posts=24,
    ),
    CommunityDef(
        name="homenetworking",
        title="Home Networking",
        description="Routers, mesh Wi-Fi, switches and cables. Help with slow or flaky "
        "connections at home.",
        topic="tech",
        color="#0369a1",
        mods=("sean.fuentes",),
        rules=(_BE_NICE, ("Describe your setup", "ISP speed, router model, house size."), _NO_SPAM),
        subjects=(
            "TP-Link Deco X20",
            "Netgear Orbi RBK763S",
            "TP-Link Archer AXE75",
            "TP-Link Archer AX55",
        ),
        titles=(
            "Mesh or a single router for a two-story house?",
            "My {s} keeps dropping 5 GHz",
            "Is the {s} worth it over my ISP's router?",
            "Wired backhaul with the {s}",
            "Slow speeds upstairs, what should I try first?",
        ),
        bodies=(
            "1 Gbit fiber, about 180 m2 over two floors. Office is upstairs at the far end.",
            "Devices keep falling back to 2.4 GHz. Channel is on auto.",
            "Thinking of running one cable through the closet. Worth it?",
        ),
        comments=(
            "Wired backhaul fixes 90% of mesh problems.",
            "Set the channel manually and see if it helps.",
            "Mesh for two floors, no question.",
            "Powerline worked surprisingly well in my old house.",
        ),
        posts=20,
    ),
    CommunityDef(
        name="pcbuilding",
        title="PC Building",
        description="Part lists, build help, benchmarks and battle stations.",
        topic="tech",
        color="#334155",
        mods=("joseph.baird",),
        rules=(
            _BE_NICE,
            ("Part list or it didn't happen", "Build help posts include the parts."),
            _ON_TOPIC,
        ),
        subjects=(
            "Samsung 990 PRO",
            "LG UltraGear 27GR95QE",
            "LG 34WP65C-B",
            "Samsung 870 EVO",
        ),
        image="shapes",
        titles=(
            "First build: a small form factor PC with the {s}",
            "Is the {s} overkill for gaming?",
            "Build help: no display after POST",
            "Quiet build for a home office",
        ),
        bodies=(
            "Budget around $1,200, mostly for photo editing and some games.",
            "Fans spin, lights on, but no signal on either port. Reseated RAM twice.",
        ),
        comments=(
            "Did you plug the monitor into the GPU and not the motherboard?",
            "Clear the CMOS and try one stick of RAM.",
            "Nice cable management!",
            "Overkill today, fine in three years.",
        ),
        posts=18,
    ),
    CommunityDef(
        name="wearables",
        title="Wearables",
        description="Smartwatches and fitness trackers: battery life, health features, bands.",
        topic="tech",
        color="#9333ea",
        mods=("mary.myers",),
        rules=(_BE_NICE, _ON_TOPIC),
        subjects=(
            "Apple Watch Series 9",
            "Apple Watch Ultra 2",
            "Galaxy Watch6",
            "Galaxy Watch6 Classic",
        ),
        titles=(
            "{s} battery after a month",
            "{s} vs {s2} for running",
            "Is the heart rate on the {s} accurate?",
            "Favorite watch faces on the {s}",
        ),
        bodies=(
            "I get about a day and a half with always-on display and one workout.",
            "Compared with a chest strap the heart rate is close except in intervals.",
        ),
        comments=(
            "Turn off always-on and you'll get two days.",
            "The Ultra is huge on small wrists, try it on first.",
            "Sleep tracking is a trend tool, not a lab.",
        ),
        posts=16,
    ),
    CommunityDef(
        name="hiking",
        title="Hiking & Trails",
        description="Trail reports, gear, route planning and trip photos.",
        topic="outdoors",
        color="#4d7c0f",
        mods=("lori.barber", "anna.brown"),
        rules=(
            _BE_NICE,
            ("Leave no trace", "Posts encouraging damage to trails are removed."),
            ("Trip reports need a date", "Conditions change; say when you went."),
        ),
        subjects=(
            "Eagle Ridge Trail",
            "the Cedar Falls loop",
            "Mount Baldy",
            "the lakeside path",
        ),
        image="landscape",
        flairs=("Trip report", "Gear", "Question", "Photo"),
        titles=(
            "Trip report: {s}, {month}",
            "View from {s}",
            "Best day hikes near the city?",
            "Boots or trail runners for {s}?",
            "Planning {s2} with kids",
        ),
        bodies=(
            "Trail was muddy for the first two miles, dry above the tree line. About 5 hours "
            "with breaks. Parking filled up by 8am.",
            "We did it in two days with one night at the campground. Water at the halfway point.",
        ),
        comments=(
            "Great report, thanks for the parking tip.",
            "Trail runners unless there is snow.",
            "Went last year, the falls were amazing.",
            "Bring more water than you think.",
        ),
        posts=22,
    ),
    CommunityDef(
        name="cooking",
        title="Home Cooking",
        description="Recipes, techniques and what you made for dinner.",
        topic="food",
        color="#b45309",
        mods=("amanda.williams",),
        rules=(_BE_NICE, ("Recipe in the comments", "Food photos include the recipe.")),
        subjects=(
            "lemon risotto",
            "slow-cooked chili",
            "roast chicken",
            "weeknight pasta",
            "miso soup",
            "shakshuka",
        ),
        image="plate",
        flairs=("Recipe", "Question", "Photo"),
        titles=(
            "Made {s} for the first time",
            "My go-to {s} recipe",
            "What's your secret for {s}?",
            "Weeknight dinner: {s}",
        ),
        bodies=(
            "Recipe in the comments. Took about 45 minutes including prep.",
            "I always end up with a watery result. Too much liquid too early?",
        ),
        comments=(
            "Looks delicious. Saving the recipe.",
            "Salt earlier than you think.",
            "Add the liquid a ladle at a time.",
            "A squeeze of lemon at the end makes it.",
        ),
        posts=22,
    ),
    CommunityDef(
        name="sourdough",
        title="Sourdough",
        description="Starters, crumb shots and schedules for busy bakers.",
        topic="food",
        color="#a16207",
        mods=("victoria.aguilar",),
        rules=(_BE_NICE, ("Share your recipe", "Crumb shots include hydration and timing.")),
        subjects=("75% hydration", "a rye starter", "an overnight proof", "a Dutch oven"),
        image="plate",
        titles=(
            "Crumb shot: {s} loaf",
            "Starter not rising after a week",
            "Schedule for working people?",
            "First loaf with {s}",
        ),
        bodies=(
            "Bulk 5 hours at 24C, shaped, cold retard overnight, baked at 250C.",
            "Feeding 1:1:1 twice a day, lots of bubbles but no rise.",
        ),
        comments=(
            "Beautiful open crumb!",
            "Try a warmer spot for the starter.",
            "Cold retard is your friend on weekdays.",
        ),
        posts=14,
    ),
    CommunityDef(
        name="gardening",
        title="Gardening",
        description="Vegetables, flowers, balconies and houseplants.",
        topic="outdoors",
        color="#16a34a",
        mods=("debbie.copeland",),
        rules=(_BE_NICE, _ON_TOPIC),
        subjects=(
            "tomatoes",
            "monstera",
            "basil",
            "peppers",
            "balcony herbs",
            "lettuce",
        ),
        image="plant",
        titles=(
            "Yellow leaves on my {s}, help?",
            "Progress on my {s} this spring",
            "Best way to grow {s}?",
            "{s} update after two months",
        ),
        bodies=(
            "South-facing, watered every other day. The lower leaves started turning yellow.",
            "Started from seed in March, transplanted last week.",
        ),
        comments=(
            "Probably overwatering. Let the top inch dry out.",
            "Looks very healthy!",
            "Add some compost and they will take off.",
        ),
        posts=18,
    ),
    CommunityDef(
        name="books",
        title="Book Club",
        description="What are you reading? Monthly picks, reviews and recommendations.",
        topic="culture",
        color="#7c2d12",
        mods=("rachel.myers", "kim.robinson"),
        rules=(_BE_NICE, ("Spoiler tags", "Mark spoilers in titles with [Spoilers].")),
        subjects=(
            "The Left Hand of Darkness",
            "Middlemarch",
            "Project Hail Mary",
            "A Gentleman in Moscow",
            "The Remains of the Day",
            "Piranesi",
        ),
        titles=(
            "{month} pick: {s}",
            "Just finished {s}",
            "[Spoilers] The ending of {s}",
            "Books like {s}?",
        ),
        bodies=(
            "Took me a while to get into, but the last third is wonderful.",
            "Looking for something with the same mood. Not necessarily the same genre.",
        ),
        comments=(
            "One of my all-time favorites.",
            "Try {s2}, similar feel.",
            "I bounced off it twice, maybe third time lucky.",
        ),
        posts=18,
    ),
    CommunityDef(
        name="boardgames",
        title="Board Games",
        description="Game nights, reviews, rules questions and collection photos.",
        topic="hobby",
        color="#b91c1c",
        mods=("eric.black",),
        rules=(_BE_NICE, _ON_TOPIC),
        subjects=(
            "Wingspan",
            "Azul",
            "Terraforming Mars",
            "Codenames",
            "Cascadia",
            "Spirit Island",
        ),
        titles=(
            "Rules question: {s}",
            "Game night report: {s} and {s2}",
            "Best two-player games?",
            "Is {s} worth it for families?",
        ),
        bodies=(
            "We played four rounds and argued about one rule every time.",
            "Looking for something that plays in under an hour.",
        ),
        comments=(
            "The rulebook FAQ covers that on the last page.",
            "Cascadia is great with two.",
            "Our family plays it every Sunday.",
        ),
        posts=16,
    ),
    CommunityDef(
        name="running",
        title="Running",
        description="From couch to marathon: training plans, races and shoes.",
        topic="fitness",
        color="#ea580c",
        mods=("richard.figueroa",),
        rules=(_BE_NICE, ("No medical advice", "See a professional for injuries.")),
        subjects=(
            "my first 10K",
            "a half marathon",
            "a trail 15K",
            "the city marathon",
        ),
        titles=(
            "Finished {s}!",
            "Training plan for {s}?",
            "Shin splints after {s}",
            "How do you stay motivated in winter?",
        ),
        bodies=(
            "Started running in January, finished in 58 minutes today. So happy.",
            "Twelve weeks out, running four times a week. Any advice?",
        ),
        comments=(
            "Congrats, that's a huge milestone!",
            "Build mileage slowly, 10% a week.",
            "Get your shoes checked at a running store.",
        ),
        posts=16,
    ),
    CommunityDef(
        name="cycling",
        title="Cycling",
        description="Road, gravel, commuting and bike maintenance.",
        topic="fitness",
        color="#0e7490",
        mods=("sean.fuentes",),
        rules=(_BE_NICE, _ON_TOPIC),
        subjects=(
            "a gravel bike",
            "tubeless tires",
            "clipless pedals",
            "a steel frame",
        ),
        titles=(
            "Worth switching to {s}?",
            "Tips for commuting in the rain",
            "Experience with {s} after 1,000 km",
        ),
        bodies=("Curious what others think before I spend the money.",),
        comments=(
            "Best upgrade I ever made.",
            "Fenders. Get fenders.",
            "Clean and lube the chain every two weeks.",
        ),
        posts=12,
    ),
    CommunityDef(
        name="coffee",
        title="Coffee",
        description="Beans, grinders, brewing methods and cafe finds.",
        topic="food",
        color="#78350f",
        mods=("anna.brown",),
        rules=(_BE_NICE, _ON_TOPIC),
        subjects=(
            "a pour-over",
            "an espresso machine",
            "cold brew",
            "a burr grinder",
            "light roasts",
        ),
        image="plate",
        titles=(
            "Is {s} worth it for a beginner?",
            "My morning routine with {s}",
            "Dialing in {s}, tips?",
        ),
        bodies=("Going through about two cups a day, mostly black.",),
        comments=(
            "The grinder matters more than the machine.",
            "Try a 1:16 ratio to start.",
            "Cold brew concentrate keeps a week in the fridge.",
        ),
        posts=14,
    ),
    CommunityDef(
        name="filmclub",
        title="Film Club",
        description="Movies old and new: reviews, recommendations and weekly watch-alongs.",
        topic="culture",
        color="#4338ca",
        mods=("kim.robinson",),
        rules=(_BE_NICE, ("Spoiler tags", "Mark spoilers with [Spoilers].")),
        subjects=(
            "Casablanca",
            "Spirited Away",
            "Arrival",
            "Paris, Texas",
            "Parasite",
            "The Grand Budapest Hotel",
        ),
        titles=(
            "Watch-along this Friday: {s}",
            "Rewatched {s}, still holds up",
            "Movies like {s}?",
        ),
        bodies=("Thoughts? It's been a few years since I last watched it.",),
        comments=(
            "One of the best endings ever.",
            "Try {s2} next.",
            "The score alone is worth it.",
        ),
        posts=14,
    ),
    CommunityDef(
        name="diy",
        title="DIY & Home Repair",
        description="Fix it yourself: repairs, renovations and tool advice.",
        topic="home",
        color="#ca8a04",
        mods=("robert.armstrong",),
        rules=(_BE_NICE, ("Safety first", "Electrical and gas work: call a professional.")),
        subjects=(
            "a leaky faucet",
            "a squeaky door",
            "a running toilet",
            "a sticking drawer",
        ),
        titles=(
            "How do I fix {s}?",
            "Weekend project: tiling a backsplash",
            "Which cordless drill should I buy?",
            "Finally fixed {s}",
        ),
        bodies=("Never done this before, looking for a step-by-step.",),
        comments=(
            "Turn off the water first!",
            "There's a good video on this, look for the one with the blue toolbox.",
            "Take your time with the prep, it shows in the finish.",
        ),
        posts=14,
    ),
    CommunityDef(
        name="personalfinance",
        title="Personal Finance",
        description="Budgets, saving, debt and big purchases.",
        topic="life",
        color="#065f46",
        mods=("lori.barber",),
        rules=(_BE_NICE, ("No referral links", "Posts with referral codes are removed.")),
        subjects=(
            "an emergency fund",
            "a new laptop",
            "paying off a car loan",
            "a monthly budget",
            "a work-from-home setup",
        ),
        titles=(
            "Should I buy a new laptop now or wait for a sale?",
            "How big should an emergency fund be?",
            "My monthly budget spreadsheet",
            "Paying off a car loan early: worth it?",
        ),
        bodies=("Trying to be sensible. Income is stable, no other debt.",),
        comments=(
            "Three to six months of expenses is the usual rule.",
            "If it's for work, it pays for itself.",
            "Wait for a sale if you can.",
        ),
        posts=12,
    ),
    CommunityDef(
        name="travel",
        title="Travel",
        description="Trip reports, itineraries and packing tips.",
        topic="life",
        color="#0284c7",
        mods=("jennifer.mcdaniel",),
        rules=(_BE_NICE, _ON_TOPIC),
        subjects=("Lisbon", "Kyoto", "the Scottish Highlands", "Vancouver", "a long-haul flight"),
        image="landscape",
        titles=(
            "Itinerary check: 5 days in {s}",
            "Packing light for {s}",
            "Photos from {s}",
        ),
        bodies=("First time going, any must-sees we are missing?",),
        comments=(
            "Don't over-plan, leave an afternoon free.",
            "Noise cancelling headphones for the flight, trust me.",
            "Gorgeous photos!",
        ),
        posts=14,
    ),
    CommunityDef(
        name="dogs",
        title="Dogs",
        description="Good dogs only. Training, health and photos.",
        topic="life",
        color="#9a3412",
        mods=("becky.gill",),
        rules=(_BE_NICE, ("Vet questions", "For emergencies call a vet, not the forum.")),
        subjects=(
            "a rescue dog",
            "a new puppy",
            "a senior dog",
        ),
        image="shapes",
        titles=(
            "Adopted {s}!",
            "Tips for leash training {s}?",
            "First week with {s}",
        ),
        bodies=("She's shy but getting braver every day.",),
        comments=(
            "What a sweetheart!",
            "Patience and treats. Lots of treats.",
            "Congrats on the adoption!",
        ),
        posts=14,
    ),
    CommunityDef(
        name="help",
        title="Threadline Help",
        description="Questions about using Threadline: accounts, posting, voting, moderation.",
        topic="meta",
        color="#475569",
        mods=("admin", "christina.ponce"),
        rules=(_BE_NICE, ("Search first", "Many questions have been answered before.")),
        subjects=("karma", "subscriptions", "the mod log", "image posts", "comment sorting"),
        titles=(
            "How does {s} work?",
            "Question about {s}",
            "Where do I find {s}?",
        ),
        bodies=("I'm new here and couldn't find it in the help pages.",),
        comments=(
            "It's on the community page, in the sidebar.",
            "Karma is the sum of the votes on your posts and comments.",
            "Moderation actions are listed in each community's mod log.",
        ),
        posts=10,
    ),
)

_ = (COUPONS,)  # re-exported for templates that mention codes

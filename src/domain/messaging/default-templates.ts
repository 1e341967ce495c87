import type { Channel, MessageKind } from './channel';

export interface DefaultTemplate {
  key: string;
  name: string;
  description: string;
  channel: Channel;
  kind: MessageKind;
  subject: string | null;
  body: string;
}

const hi = '{{ customer.first_name | default: "there" }}';

/**
 * The set every dispensary starts with; the playbook gallery refers to these keys. Staff edit
 * them freely (a key never changes). Marketing SMS get the brand and "Reply STOP" added on send.
 */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    key: 'welcome',
    name: 'Welcome',
    description: 'First hello after someone signs up.',
    channel: 'email',
    kind: 'marketing',
    subject: 'Welcome to {{ dispensary.name }}, {{ customer.first_name | default: "friend" }}',
    body: `<p>Hi ${hi},</p>\n<p>Thanks for joining {{ dispensary.name }}. You start with <strong>{{ loyalty.points }} points</strong>, and every purchase earns more.</p>\n<p>{% if offer %}Here is something for your first visit: <strong>{{ offer.description }}</strong> with code <strong>{{ offer.code }}</strong>.{% else %}Ask our budtenders for their favourites next time you stop by.{% endif %}</p>\n<p>See you soon,<br>The {{ dispensary.name }} team</p>`,
  },
  {
    key: 'welcome_sms',
    name: 'Welcome (SMS)',
    description: 'Short hello by text after an SMS opt-in.',
    channel: 'sms',
    kind: 'marketing',
    subject: null,
    body: `Welcome, ${hi}! You have {{ loyalty.points }} points to start. Show this text at the counter for our current member deals.`,
  },
  {
    key: 'thank_you',
    name: 'Order thank-you with points',
    description: 'After an order: what it cost and the points it earned.',
    channel: 'email',
    kind: 'transactional',
    subject: 'Thanks for your order, {{ customer.first_name | default: "friend" }}',
    body: `<p>Hi ${hi},</p>\n<p>Thanks for shopping with {{ dispensary.name }}. Your order of <strong>{{ order.total | money }}</strong> earned you <strong>{{ order.points_earned }} points</strong>; your balance is now {{ loyalty.points }}{% if loyalty.pending > 0 %}, with {{ loyalty.pending }} more to spend once the return window ends{% endif %}.</p>\n<ul>{% for item in order.items %}<li>{{ item.quantity }} × {{ item.name }}</li>{% endfor %}</ul>\n<p>Questions about your order? Reply to this email{% if dispensary.phone != blank %} or call us at {{ dispensary.phone }}{% endif %}.</p>`,
  },
  {
    key: 'thank_you_sms',
    name: 'Order thank-you (SMS)',
    description: 'After an order, by text.',
    channel: 'sms',
    kind: 'transactional',
    subject: null,
    body: 'Thanks for your {{ order.total | money }} order at {{ dispensary.name }}! You earned {{ order.points_earned }} points (balance {{ loyalty.points }}{% if loyalty.pending > 0 %}, {{ loyalty.pending }} pending{% endif %}).',
  },
  {
    key: 'abandoned_cart_1h',
    name: 'Abandoned cart: 1 hour',
    description: 'First nudge an hour after a checkout was left.',
    channel: 'email',
    kind: 'marketing',
    subject: 'You left something in your cart',
    body: `<p>Hi ${hi},</p>\n<p>Your cart at {{ dispensary.name }} is saved: {{ cart.item_count }} item(s), {{ cart.total | money }}.</p>\n<p><a href="{{ cart.url }}">Pick up where you left off</a></p>`,
  },
  {
    key: 'abandoned_cart_24h',
    name: 'Abandoned cart: 24 hours',
    description: 'Second reminder a day later.',
    channel: 'email',
    kind: 'marketing',
    subject: 'Still thinking it over?',
    body: `<p>Hi ${hi},</p>\n<p>We are holding your cart ({{ cart.total | money }}) for a little longer. Order ahead and skip the line at pickup.</p>\n<p><a href="{{ cart.url }}">Finish your order</a></p>`,
  },
  {
    key: 'abandoned_cart_72h',
    name: 'Abandoned cart: 72 hours (SMS)',
    description: 'Last reminder by text three days later.',
    channel: 'sms',
    kind: 'marketing',
    subject: null,
    body: 'Your cart ({{ cart.total | money }}) is about to expire. Finish your order: {{ cart.url }}',
  },
  {
    key: 'win_back',
    name: 'Win-back',
    description: 'For a regular who has not visited in a while.',
    channel: 'email',
    kind: 'marketing',
    subject: 'We miss you at {{ dispensary.name }}',
    body: `<p>Hi ${hi},</p>\n<p>It has been a while! Lots of new arrivals have landed since your last visit.</p>\n<p>{% if offer %}Come back for <strong>{{ offer.description }}</strong> with code <strong>{{ offer.code }}</strong>{% if offer.expires %}, good until {{ offer.expires }}{% endif %}.{% else %}Your {{ loyalty.points }} points are waiting for you.{% endif %}</p>{% if shop %}\n<p><a href="{{ shop.url }}">See what is new</a></p>{% endif %}`,
  },
  {
    key: 'win_back_sms',
    name: 'Win-back (SMS)',
    description: 'The win-back nudge by text.',
    channel: 'sms',
    kind: 'marketing',
    subject: null,
    body: `We miss you, ${hi}! {% if offer %}{{ offer.description }} with code {{ offer.code }}.{% else %}Your {{ loyalty.points }} points are waiting.{% endif %}`,
  },
  {
    key: 'birthday',
    name: 'Birthday offer',
    description: 'A birthday greeting with an offer.',
    channel: 'email',
    kind: 'marketing',
    subject: 'Happy birthday, {{ customer.first_name | default: "friend" }}!',
    body: `<p>Happy birthday, ${hi}!</p>\n<p>To celebrate, enjoy {% if offer %}<strong>{{ offer.description }}</strong> with code <strong>{{ offer.code }}</strong>{% else %}a little something extra on your next visit{% endif %}. Valid ID required at pickup.</p>\n<p>Cheers from all of us at {{ dispensary.name }}.</p>`,
  },
  {
    key: 'birthday_sms',
    name: 'Birthday offer (SMS)',
    description: 'The birthday greeting by text.',
    channel: 'sms',
    kind: 'marketing',
    subject: null,
    body: `Happy birthday, ${hi}! {% if offer %}Enjoy {{ offer.description }} with code {{ offer.code }}.{% else %}Stop by this week for a birthday surprise.{% endif %}`,
  },
  {
    key: 'review_request',
    name: 'Review request',
    description: 'A few days after a purchase: ask how it went.',
    channel: 'email',
    kind: 'marketing',
    subject: 'How was your visit to {{ dispensary.name }}?',
    body: `<p>Hi ${hi},</p>\n<p>Thanks again for your recent order. Would you take a minute to tell others about your experience?</p>\n<p><a href="{{ review.url }}">Leave a review</a></p>\n<p>It helps a small business like ours more than you know.</p>`,
  },
  {
    key: 'restock_notice',
    name: 'Restock notice',
    description: 'A product someone wanted is back in stock.',
    channel: 'email',
    kind: 'marketing',
    subject: '{{ product.name }} is back in stock',
    body: `<p>Hi ${hi},</p>\n<p>Good news: <strong>{{ product.name }}</strong> by {{ product.brand }} is back on our shelves. It tends to go quickly.</p>\n<p><a href="{{ product.url }}">Reserve yours</a></p>`,
  },
  {
    key: 'restock_notice_sms',
    name: 'Restock notice (SMS)',
    description: 'The restock notice by text.',
    channel: 'sms',
    kind: 'marketing',
    subject: null,
    body: '{{ product.name }} is back in stock. Reserve yours: {{ product.url }}',
  },
  {
    key: 'vip_welcome',
    name: 'VIP welcome',
    description: 'When a customer reaches the VIP segment.',
    channel: 'email',
    kind: 'marketing',
    subject: 'You are now a {{ dispensary.name }} VIP',
    body: `<p>Hi ${hi},</p>\n<p>You are one of our most loyal customers, and that makes you a VIP. Expect early access to new drops and members-only deals.</p>\n<p>Your points balance: <strong>{{ loyalty.points }}</strong>.</p>`,
  },
  {
    key: 'points_reminder_sms',
    name: 'Points reminder (SMS)',
    description: 'Remind a customer of the points they can spend.',
    channel: 'sms',
    kind: 'marketing',
    subject: null,
    body: `Hi ${hi}, you have {{ loyalty.points }} points at {{ dispensary.name }}. Redeem them on your next visit!`,
  },
  {
    key: 'points_expiring',
    name: 'Points about to expire',
    description: 'Some points expire soon: how many, and the last day to spend them.',
    channel: 'email',
    kind: 'marketing',
    subject: 'Your {{ loyalty.expiring_points }} points at {{ dispensary.name }} expire soon',
    body: `<p>Hi ${hi},</p>\n<p><strong>{{ loyalty.expiring_points }} of your points</strong> expire after <strong>{{ loyalty.expires_on }}</strong>. You have {{ loyalty.points }} points to spend in all.</p>\n<p>Stop by before then and ask a budtender to put them towards a reward.</p>\n<p>The {{ dispensary.name }} team</p>`,
  },
  {
    key: 'points_expiring_sms',
    name: 'Points about to expire (SMS)',
    description: 'The expiring-points reminder by text.',
    channel: 'sms',
    kind: 'marketing',
    subject: null,
    body: `Hi ${hi}, {{ loyalty.expiring_points }} of your {{ dispensary.name }} points expire after {{ loyalty.expires_on }}. Spend them on your next visit!`,
  },
  {
    key: 'tier_up',
    name: 'Tier-up congratulations',
    description: 'The customer reached a higher loyalty tier.',
    channel: 'email',
    kind: 'marketing',
    subject: 'Congratulations, you reached {{ loyalty.tier }}!',
    body: `<p>Hi ${hi},</p>\n<p>Thanks to your visits you are now a <strong>{{ loyalty.tier }}</strong> member of {{ dispensary.name }}. Your new tier's benefits apply from your next order.</p>\n<p>Your points balance: <strong>{{ loyalty.points }}</strong>.</p>`,
  },
  {
    key: 'order_ready_sms',
    name: 'Order ready for pickup (SMS)',
    description: 'Transactional: the order can be picked up.',
    channel: 'sms',
    kind: 'transactional',
    subject: null,
    body: '{{ dispensary.name }}: your order {{ order.id }} is ready for pickup. Bring a valid ID.',
  },
];

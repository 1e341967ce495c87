import { iso, money, SAMPLE_PERSON, SAMPLE_PRODUCTS, type SampleOptions } from './sample-people';

/** WooCommerce's JSON escapes every "/" as "\/" (PHP's json_encode); signatures cover those bytes. */
export function wooJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

const wooDate = (d: Date) => d.toISOString().slice(0, 19);

export function wooOrder(o: SampleOptions & { status?: string; refunds?: Array<{ id: number; totalCents: number }>; modified?: Date }) {
  const p = o.person ?? SAMPLE_PERSON;
  const products = o.products ?? SAMPLE_PRODUCTS;
  const subtotal = products.reduce((s, x) => s + x.priceCents, 0);
  const tax = Math.round(subtotal * 0.1);
  const created = wooDate(o.now);
  const modified = wooDate(o.modified ?? o.now);
  return {
    id: 5000 + o.uid,
    parent_id: 0,
    status: o.status ?? 'processing',
    currency: 'USD',
    version: '8.9.1',
    prices_include_tax: false,
    date_created: created,
    date_modified: modified,
    discount_total: '0.00',
    discount_tax: '0.00',
    shipping_total: '0.00',
    shipping_tax: '0.00',
    cart_tax: money(tax),
    total: money(subtotal + tax),
    total_tax: money(tax),
    customer_id: o.customerId ?? 77,
    order_key: `wc_order_${o.uid}`,
    billing: {
      first_name: p.firstName,
      last_name: p.lastName,
      company: '',
      address_1: '2 Woodward Ave',
      address_2: '',
      city: 'Detroit',
      state: 'MI',
      postcode: '48226',
      country: 'US',
      email: p.email,
      phone: p.phone,
    },
    shipping: {
      first_name: p.firstName,
      last_name: p.lastName,
      company: '',
      address_1: '2 Woodward Ave',
      address_2: '',
      city: 'Detroit',
      state: 'MI',
      postcode: '48226',
      country: 'US',
      phone: '',
    },
    payment_method: 'cod',
    payment_method_title: 'Pay at pickup',
    transaction_id: '',
    customer_ip_address: '203.0.113.9',
    customer_user_agent: 'Mozilla/5.0',
    created_via: 'checkout',
    customer_note: '',
    date_completed: null,
    date_paid: created,
    cart_hash: 'b2ab1e0b8c',
    number: String(5000 + o.uid),
    meta_data: [],
    line_items: products.map((x, i) => ({
      id: 900 + i,
      name: x.name,
      product_id: 300 + i,
      variation_id: 0,
      quantity: 1,
      tax_class: '',
      subtotal: money(x.priceCents),
      subtotal_tax: money(Math.round(x.priceCents * 0.1)),
      total: money(x.priceCents),
      total_tax: money(Math.round(x.priceCents * 0.1)),
      taxes: [],
      meta_data: [],
      sku: x.sku,
      price: x.priceCents / 100,
      image: { id: '', src: '' },
      parent_name: null,
    })),
    tax_lines: [],
    shipping_lines: [],
    fee_lines: [],
    coupon_lines: [],
    refunds: (o.refunds ?? []).map((r) => ({ id: r.id, reason: 'Returned', total: `-${money(r.totalCents)}` })),
    payment_url: `https://riverbend.example/checkout/order-pay/${5000 + o.uid}/?pay_for_order=true&key=wc_order_${o.uid}`,
    is_editable: false,
    needs_payment: false,
    needs_processing: true,
    date_created_gmt: created,
    date_modified_gmt: modified,
    date_completed_gmt: null,
    date_paid_gmt: created,
    currency_symbol: '$',
    _links: {
      self: [{ href: `https://riverbend.example/wp-json/wc/v3/orders/${5000 + o.uid}` }],
      collection: [{ href: 'https://riverbend.example/wp-json/wc/v3/orders' }],
    },
  };
}

export function wooCustomer(o: SampleOptions) {
  const p = o.person ?? SAMPLE_PERSON;
  return {
    id: o.customerId ?? 77,
    date_created: wooDate(o.now),
    date_created_gmt: wooDate(o.now),
    date_modified: wooDate(o.now),
    date_modified_gmt: wooDate(o.now),
    email: p.email,
    first_name: p.firstName,
    last_name: p.lastName,
    role: 'customer',
    username: p.email.split('@')[0],
    billing: {
      first_name: p.firstName,
      last_name: p.lastName,
      company: '',
      address_1: '',
      address_2: '',
      city: 'Detroit',
      postcode: '48226',
      country: 'US',
      state: 'MI',
      email: p.email,
      phone: p.phone,
    },
    shipping: { first_name: '', last_name: '', company: '', address_1: '', address_2: '', city: '', postcode: '', country: '', state: '', phone: '' },
    is_paying_customer: false,
    avatar_url: 'https://secure.gravatar.com/avatar/sample?s=96&d=mm&r=g',
    meta_data: [],
    _links: { self: [{ href: `https://riverbend.example/wp-json/wc/v3/customers/${o.customerId ?? 77}` }] },
  };
}

export function wooProduct(o: SampleOptions & { stock?: number }) {
  const x = (o.products ?? SAMPLE_PRODUCTS)[0]!;
  return {
    id: 300,
    name: x.name,
    slug: x.sku.toLowerCase(),
    permalink: `https://riverbend.example/product/${x.sku.toLowerCase()}/`,
    date_created: wooDate(o.now),
    date_modified: wooDate(o.now),
    date_modified_gmt: wooDate(o.now),
    type: 'simple',
    status: 'publish',
    sku: x.sku,
    price: money(x.priceCents),
    regular_price: money(x.priceCents),
    sale_price: '',
    manage_stock: true,
    stock_quantity: o.stock ?? 12,
    stock_status: 'instock',
    low_stock_amount: 3,
    categories: [{ id: 15, name: x.category, slug: x.category.toLowerCase() }],
  };
}

export function alleavesEnvelope(event: string, o: SampleOptions, data: Record<string, unknown>) {
  return { id: `evt_${o.uid}_${event.replace('.', '_')}`, event, created_at: iso(o.now), data };
}

export function alleavesCustomer(o: SampleOptions) {
  const p = o.person ?? SAMPLE_PERSON;
  return {
    id: o.customerId ?? 58213,
    first_name: p.firstName,
    last_name: p.lastName,
    email: p.email,
    phone: p.phone,
    date_of_birth: '1991-06-14',
    tags: ['medical'],
    email_opt_in: true,
    sms_opt_in: true,
    created_at: iso(o.now),
    updated_at: iso(o.now),
  };
}

export function alleavesOrder(o: SampleOptions & { status?: string; updatedAt?: Date; locationId?: string }) {
  const products = o.products ?? SAMPLE_PRODUCTS;
  const subtotal = products.reduce((s, x) => s + x.priceCents, 0);
  const tax = Math.round(subtotal * 0.16);
  return {
    id: 9_800_000 + o.uid,
    order_number: `AL-${10_000 + o.uid}`,
    status: o.status ?? 'completed',
    customer: alleavesCustomer(o),
    location_id: o.locationId ?? 'pinecone-detroit',
    items: products.map((x, i) => ({
      product_id: 100_000 + i * 7,
      sku: x.sku,
      name: x.name,
      category: x.category,
      quantity: 1,
      unit_price: money(x.priceCents),
      discount: '0.00',
      total: money(x.priceCents),
    })),
    subtotal: money(subtotal),
    discount: '0.00',
    tax: money(tax),
    total: money(subtotal + tax),
    placed_at: iso(o.now),
    updated_at: iso(o.updatedAt ?? o.now),
  };
}

export function alleavesInventory(
  o: SampleOptions & { quantity: number; previous?: number; threshold?: number; sku?: string; name?: string; locationId?: string },
) {
  const x = (o.products ?? SAMPLE_PRODUCTS)[0]!;
  return {
    product_id: 100_000,
    sku: o.sku ?? x.sku,
    name: o.name ?? x.name,
    location_id: o.locationId ?? 'pinecone-detroit',
    quantity: o.quantity,
    previous_quantity: o.previous ?? null,
    threshold: o.threshold ?? 5,
    updated_at: iso(o.now),
  };
}

export function standardOrderEvent(o: SampleOptions) {
  const p = o.person ?? SAMPLE_PERSON;
  const products = o.products ?? SAMPLE_PRODUCTS;
  const total = products.reduce((s, x) => s + x.priceCents, 0);
  return {
    type: 'order.created',
    timestamp: iso(o.now),
    data: {
      order: {
        id: `web-${o.uid}`,
        number: `W${o.uid}`,
        status: 'completed',
        lineItems: products.map((x) => ({ sku: x.sku, name: x.name, category: x.category, quantity: 1, unitPriceCents: x.priceCents })),
        totalCents: total,
        placedAt: iso(o.now),
        customer: {
          id: String(o.customerId ?? 'shopper-42'),
          email: p.email,
          phone: p.phone,
          firstName: p.firstName,
          lastName: p.lastName,
          emailConsent: 'opted_in',
        },
      },
    },
  };
}

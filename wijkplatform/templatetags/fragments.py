"""
`{% fragment "name" vary… [also_on_post] [site_wide] %}…{% endfragment %}`: a part of a page rendered once and then
taken from the cache, for pages the anonymous page cache does not serve (logged-in visitors). Measured in
bench/pages.py.

The key holds page_cache.version() (so every write makes every fragment old, as it does every cached page), the
interface language, the host (a wijk's site) and the values after the name. What a fragment shows must depend on
nothing else: user-independent parts name no user; a part for one person names `user.pk` among its values.
A CSRF token in a form field of a fragment is stored as a marker and each request gets its own; a fragment with
a token anywhere else is not stored. Never from the cache: a preview of a draft, and on a POST (whose re-rendered
page may carry a form with errors) every fragment not marked `also_on_post`. Only parts that never show what was
posted carry that mark: the header and footer around every page, and the fixed parts of a sign-up's answer, which
then cost next to nothing when two hundred people answer for the last free place at once (bench/signup_load.py).
`site_wide` parts (header, footer) show nothing of sign-ups or places: they are kept on the structure version
(page_cache.structure_version), which sign-ups leave, instead of being built again after each one.
"""

from django import template
from django.utils.functional import empty
from django.utils.safestring import mark_safe

from wijkplatform import page_cache

register = template.Library()


OPTIONS = ("also_on_post", "site_wide")


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, also_on_post=False, site_wide=False):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on
        self.also_on_post, self.site_wide = also_on_post, site_wide

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or (request.method != "GET" and not self.also_on_post)
            or getattr(request, "is_preview", False)
            or page_cache.seconds() <= 0
        ):
            return self.nodelist.render(context)
        values = "\n".join(str(value.resolve(context)) for value in self.vary_on)
        key = page_cache.fragment_key(request, self.name.resolve(context), values, site_wide=self.site_wide)
        token = context.get("csrf_token")
        stored = page_cache.cache.get(key)
        if stored is None:
            content = self.nodelist.render(context)
            stored = page_cache.without_token(content)
            if getattr(token, "_wrapped", empty) is empty or str(token) not in stored:  # no token outside a form field
                page_cache.cache.set(key, stored, timeout=page_cache.seconds())
            return content
        if page_cache.TOKEN_MARKER in stored:
            stored = page_cache.with_token(stored, str(token))
        return mark_safe(stored)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    options = set()
    while len(bits) > 2 and bits[-1] in OPTIONS:
        options.add(bits.pop())
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), vary_on, **{option: True for option in options})

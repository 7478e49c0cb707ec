"""The themes of the wijk, shared by drop-in hours, initiatives and activities so the agenda can filter on one list."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    MONEY = "geld", _("Geld en schulden")
    WORK = "werk", _("Werk en inkomen")
    CARE = "zorg", _("Zorg en hulp thuis")
    EXERCISE = "bewegen", _("Bewegen en sport")
    HEALTH = "gezondheid", _("Gezondheid")
    PARENTING = "opvoeden", _("Opvoeden en gezin")
    HOUSING = "wonen", _("Wonen")
    MEETING = "ontmoeten", _("Ontmoeten")
    LANGUAGE = "taal", _("Taal en lezen")
    FOOD = "eten", _("Koken en eten")
    GREEN = "buurt", _("Groen en schoon in de buurt")
    SAFETY = "veiligheid", _("Veiligheid")
    CULTURE = "cultuur", _("Kunst en cultuur")

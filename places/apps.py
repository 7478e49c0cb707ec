from django.apps import AppConfig


class PlacesConfig(AppConfig):
    """
    The places of the wijk (Ons Huis van de Wijk, the library, a school hall).
    Shared by the agenda's activities, initiatives and drop-in hours, so it
    belongs to none of them.
    """

    name = "places"
    verbose_name = "Plekken"

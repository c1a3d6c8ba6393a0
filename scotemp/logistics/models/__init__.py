"""How goods travel between Chongqing and the SCO region and what it costs: the corridor network
(:mod:`.network`), duty and VAT schedules for the delivered cost (:mod:`.costs`), what providers
sell — lane rates, service offers, freight quote requests and quotes (:mod:`.freight`) — and
shipments with their tracking events (:mod:`.shipments`)."""

from .costs import *  # noqa: F403
from .freight import *  # noqa: F403
from .network import Co2Factor, Corridor, Leg, Node  # noqa: F401
from .shipments import *  # noqa: F403

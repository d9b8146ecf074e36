"""What the library offers a Python user beyond constructs: its constants and its cost estimate."""

import inspect

import pytest
import secure_fargate_web_service as sfws

from support import certificate, image, new_stack


def static_properties() -> list[tuple[type, str]]:
    """Every static property of the package's classes, such as `CostEstimate.US_WEST_2_PRICES`."""
    found = []
    for _, cls in inspect.getmembers(sfws, inspect.isclass):
        for name, member in vars(cls).items():
            if type(member).__name__ == "_ClassProperty":  # how jsii binds a static property
                found.append((cls, name))
    return found


STATIC_PROPERTIES = static_properties()


def test_the_package_has_static_properties() -> None:
    assert ("ServiceDashboard", "DEFAULT_ERROR_QUERY") in [(cls.__name__, name) for cls, name in STATIC_PROPERTIES]


@pytest.mark.parametrize(
    ("cls", "name"), STATIC_PROPERTIES, ids=[f"{cls.__name__}.{name}" for cls, name in STATIC_PROPERTIES]
)
def test_static_property_is_readable(cls: type, name: str) -> None:
    assert getattr(cls, name) is not None


@pytest.fixture(scope="module")
def web() -> sfws.SecureFargateWebService:
    stack = new_stack()
    return sfws.SecureFargateWebService(stack, "Web", image=image(), certificate=certificate(stack))


def test_cost_estimate_with_assumptions_and_prices(web: sfws.SecureFargateWebService) -> None:
    estimate = web.cost_estimate(
        assumptions=sfws.CostAssumptions(data_transfer_out_gigabytes=500, requests_millions=50),
        prices=sfws.CostPrices(nat_gateway_usd_per_hour=0.05),
    )
    assert estimate.monthly_usd_of(sfws.CostComponent.NAT_GATEWAYS) == pytest.approx(2 * 730 * 0.05)
    assert estimate.total_monthly_usd == pytest.approx(sum(line.monthly_usd for line in estimate.lines))
    assert {line.component for line in estimate.lines} == set(sfws.CostComponent)
    assert "| NAT gateways | 73.00 |" in estimate.to_markdown()
    assert web.cost_drivers.nat_gateways == 2


def test_cost_estimate_shows_what_it_assumed(web: sfws.SecureFargateWebService) -> None:
    estimate = web.cost_estimate(
        assumptions=sfws.CostAssumptions(data_transfer_out_gigabytes=500),
        prices=sfws.CostPrices(nat_gateway_usd_per_hour=0.05),
    )
    assert estimate.assumptions.data_transfer_out_gigabytes == 500
    assert estimate.assumptions.requests_millions == 10  # the default
    assert estimate.prices.nat_gateway_usd_per_hour == 0.05

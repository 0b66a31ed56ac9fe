"""How much a monthly count varies by chance, from a model of its own recent history.

The model (one series, or many at once, vectorised with numpy):

- Input: the `HISTORY_MONTHS` (36) monthly counts immediately before the period tested, oldest
  first. Always exactly that window, so the same numbers give the same noise estimate whatever
  else is loaded; with fewer months the cell is not testable ("needs 36 months of history").
- Fit: a Poisson log-linear model with a linear trend and month-of-year effects (13
  parameters), by iteratively reweighted least squares (McCullagh and Nelder 1989, section
  2.5); the quasi-Poisson dispersion is the Pearson chi-square over its residual degrees of
  freedom, phi = sum(r_t^2) / (36 - 13), floored at 1 (never less noisy than Poisson).
  Season and trend are fitted, so a sustained rise or the summer peak is not counted as noise.
- Autocorrelation: the lag-1 and lag-2 autocorrelations of the Pearson residuals, each
  corrected for the negative bias that fitting 13 parameters to 36 points gives (its exact
  expectation under no autocorrelation, from the model's residual projection), give an AR(1)
  coefficient rho (rho = r2 / r1 when both are positive, else r1, capped at `RHO_CAP`). A sum
  of m consecutive months then has variance phi * mu * f(m, rho), with the AR(1) inflation
  f = 1 + 2 * sum_{j<m} (1 - j/m) rho^j (Box, Jenkins and Reinsel, section 2.1; the same
  factor as a Newey-West long-run variance with the AR(1) autocovariances).

`NoiseModel.variance_factor(m)` is what `change.seasonal_change` multiplies the Poisson variance
by. The degrees of freedom of the t reference distribution are those of phi (23).

Source: quasi-Poisson dispersion: McCullagh and Nelder (1989), *Generalized Linear Models*,
section 4.5; Wedderburn (1974). AR(1) inflation of the variance of a sum: Box, Jenkins and
Reinsel, *Time Series Analysis*, section 2.1; Newey and West (1987). Rationale and the
simulation that checks it: docs/methods/statistics.md section 2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

HISTORY_MONTHS = 36
"""Months of history the noise model uses: exactly the 36 before the period tested."""
N_PARAMETERS = 13
"""Intercept, linear trend and 11 month-of-year effects."""
RESIDUAL_DF = HISTORY_MONTHS - N_PARAMETERS
"""Degrees of freedom of the dispersion estimate (23): the t distribution's."""
LIKELIHOOD_DROP = 0.5
"""The variance used is the largest among noise models whose restricted log-likelihood is
within this of the best (a profile-likelihood bound). 36 months pin the autocorrelation down
poorly (standard error about 0.15); using only the most likely value understates the noise of
long sums and gave false alarms of 8-9% at rho = 0.7; a drop of 0.5 keeps them under 5% (tests/measures/test_simulation.py)."""

FloatArray = npt.NDArray[np.float64]


def design_matrix(n: int = HISTORY_MONTHS) -> FloatArray:
    """Columns: intercept, centred linear trend (per year), 11 month-of-year indicators.

    Month-of-year is the position in the window modulo 12: any 12 consecutive months hold each
    calendar month once, so this is the calendar-month model up to relabelling."""
    t = np.arange(n, dtype=np.float64)
    cols = [np.ones(n), (t - t.mean()) / 12.0]
    for k in range(1, 12):
        cols.append((t % 12 == k).astype(np.float64))
    return np.column_stack(cols)


RHO_GRID = np.round(np.arange(0.0, 0.851, 0.1), 2)
"""AR(1) coefficients the restricted likelihood is maximised over."""
LAMBDA_GRID = np.round(np.arange(0.0, 1.001, 0.25), 2)
"""Shares of the residual variance that are autocorrelated (the rest is Poisson-like noise)."""


def _reml_tables(x: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """For each (lambda, rho) of the grid: Sigma = lambda R(rho) + (1 - lambda) I, the REML
    projection P = S^-1 - S^-1 X (X' S^-1 X)^-1 X' S^-1, and the constant part of the
    restricted log-likelihood, log|S| + log|X' S^-1 X|."""
    n = x.shape[0]
    lag = np.abs(np.subtract.outer(np.arange(n), np.arange(n)))
    ps, consts, lams, rhos = [], [], [], []
    for lam in LAMBDA_GRID:
        for rho in RHO_GRID if lam > 0 else RHO_GRID[:1]:
            sigma = lam * rho**lag + (1.0 - lam) * np.eye(n)
            si = np.linalg.inv(sigma)
            xs = x.T @ si @ x
            ps.append(si - si @ x @ np.linalg.solve(xs, x.T @ si))
            consts.append(np.linalg.slogdet(sigma)[1] + np.linalg.slogdet(xs)[1])
            lams.append(lam)
            rhos.append(rho)
    return np.array(ps), np.array(consts), np.array(lams), np.array(rhos)


_X = design_matrix()
_P, _CONST, _LAMBDAS, _RHOS = _reml_tables(_X)


def fit_poisson_trend_season(y: FloatArray, iterations: int = 30) -> FloatArray:
    """Fitted means of the Poisson log-linear model (trend + month of year), row by row.

    `y` is (series, 36). Batched IRLS: every series is solved at once with numpy."""
    x = _X
    y = np.asarray(y, dtype=np.float64)
    eta = np.log(np.maximum(y, 0.5))
    for _ in range(iterations):
        mu = np.exp(eta)
        z = eta + (y - mu) / mu
        xtwx = np.einsum("tp,nt,tq->npq", x, mu, x)
        xtwz = np.einsum("tp,nt->np", x, mu * z)
        xtwx += 1e-9 * np.eye(x.shape[1])[None, :, :]
        beta = np.linalg.solve(xtwx, xtwz[:, :, None])[:, :, 0]
        new_eta = np.clip(beta @ x.T, -20.0, 20.0)
        done = np.max(np.abs(new_eta - eta)) < 1e-8
        eta = new_eta
        if done:
            break
    return np.asarray(np.exp(eta), dtype=np.float64)


@dataclass(frozen=True)
class NoiseFit:
    """The restricted likelihood of each series at each (lambda, rho) of the grid."""

    loglik: FloatArray  # (series, grid)
    scale: FloatArray  # (series, grid): phi at each grid point, floored at 1
    best: npt.NDArray[np.int64]  # (series,)
    fitted_last: FloatArray  # (series,)

    @property
    def dispersion(self) -> FloatArray:
        return self.scale[np.arange(len(self.best)), self.best]

    @property
    def rho(self) -> FloatArray:
        return _RHOS[self.best]

    @property
    def share(self) -> FloatArray:
        return _LAMBDAS[self.best]

    def variance_factor(self, months: int) -> FloatArray:
        """The largest variance factor of an m-month sum among the grid points whose
        restricted log-likelihood is within `LIKELIHOOD_DROP` of the best: the noise the data
        cannot rule out (a profile-likelihood bound), not only the most likely noise."""
        factors = self.scale * _inflation(months)[None, :]
        plausible = self.loglik >= self.loglik.max(axis=1, keepdims=True) - LIKELIHOOD_DROP
        return np.asarray(np.where(plausible, factors, 0.0).max(axis=1), dtype=np.float64)


def _inflation(months: int) -> FloatArray:
    """f(m) = 1 + 2 sum_{j<m} (1 - j/m) lambda rho^j at every grid point."""
    j = np.arange(1, months, dtype=np.float64)
    weights = 1.0 - j / months
    powers = _RHOS[:, None] ** j[None, :]
    return np.asarray(1.0 + 2.0 * _LAMBDAS * (powers * weights[None, :]).sum(axis=1))


def fit_noise(histories: FloatArray) -> NoiseFit:
    """The noise model of each row of `histories` (series, 36 months, oldest first).

    Pearson residuals of the trend-and-season fit are modelled as
    N(0, phi (lambda R(rho) + (1 - lambda) I)), R(rho)_ij = rho^|i-j|, and the restricted
    (REML) likelihood, with phi profiled out, is evaluated over the (lambda, rho) grid. REML
    allows for the 13 fitted parameters, which plain residual autocorrelations do not (they
    understate both the variance and the autocorrelation of a short series). The projection
    is the unweighted one, precomputed for the grid (the Poisson weights vary little within a
    series: with no autocorrelation phi agrees with the Pearson estimate to within 1%)."""
    y = np.asarray(histories, dtype=np.float64)
    if y.ndim != 2 or y.shape[1] != HISTORY_MONTHS:
        raise ValueError(f"the noise model needs exactly {HISTORY_MONTHS} months per series")
    mu = fit_poisson_trend_season(y)
    r = (y - mu) / np.sqrt(mu)
    quad = np.maximum(np.einsum("ni,gij,nj->ng", r, _P, r), 1e-12)
    loglik = -0.5 * (_CONST[None, :] + RESIDUAL_DF * np.log(quad))
    scale = np.maximum(quad / RESIDUAL_DF, 1.0)
    return NoiseFit(loglik, scale, np.argmax(loglik, axis=1), mu[:, -1])


def noise_model(history: FloatArray | list[float]) -> NoiseFit:
    """The noise model of one series from exactly `HISTORY_MONTHS` months, oldest first.

    >>> m = noise_model([100.0 + (i % 12) for i in range(36)])
    >>> float(m.dispersion[0]), float(m.variance_factor(12)[0])
    (1.0, 1.0)
    """
    return fit_noise(np.asarray(history, dtype=np.float64)[None, :])

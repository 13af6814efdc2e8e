"""wick.optim's RMSprop, Adagrad and Adamax against torch.optim: 100-step
trajectories on fixed gradients for the option combinations, state names and
dtypes, state_dict exchange with torch, and constructor errors. PyTorch 2.x
behaviour where 1.13 differs: RMSprop's 'step' is a tensor (1.13: an int) and
its centered grad_avg uses lerp_; the tolerance covers those rounding orders."""
import itertools

import pytest

import wick
from conftest import needs_torch
from test_optim import (STEPS, assert_close, check_state_match, convert_state_dict, make_params,
                        run_steps, to_wick, trajectory)

pytestmark = needs_torch

RMSPROP_CASES = [dict(alpha=al, momentum=mo, centered=c, weight_decay=wd, maximize=mx)
                 for al, mo, c, wd, mx in itertools.product([0.99, 0.3], [0.0, 0.9], [False, True],
                                                            [0.0, 0.05], [False, True])
                 if not (al == 0.3 and (wd or mx))]
ADAGRAD_CASES = [dict(lr_decay=ld, initial_accumulator_value=iv, weight_decay=wd, maximize=mx)
                 for ld, iv, wd, mx in itertools.product([0.0, 0.01], [0.0, 0.1], [0.0, 0.05],
                                                         [False, True])]
ADAMAX_CASES = [dict(weight_decay=wd, maximize=mx, betas=b)
                for wd, mx, b in itertools.product([0.0, 0.05], [False, True],
                                                   [(0.9, 0.999), (0.3, 0.5)])]


def ids(kw):
    return "-".join(f"{k}={v}" for k, v in kw.items())


def check(name, kw, state_tol=(2e-5, 1e-7), dtype="float32", tol=(2e-5, 2e-6)):
    (wps, wopt), (tps, topt) = trajectory(name, kw, dtype)
    for wp, tp in zip(wps, tps):
        assert_close(wp, tp, *tol)
    # PyTorch 1.13's RMSprop keeps an int step; 2.x (and wick) a float32 tensor
    for p in wps:
        assert wopt.state[p]["step"].dtype == wick.float32
        assert wopt.state[p]["step"].item() == STEPS
    tstate = [{k: v for k, v in topt.state[p].items() if k != "step"} for p in tps]
    for wp, ts in zip(wps, tstate):
        ws = {k: v for k, v in wopt.state[wp].items() if k != "step"}
        assert sorted(ws) == sorted(ts)
        for k in ts:
            assert_close(ws[k], ts[k], *state_tol)
    return wopt, wps


@pytest.mark.parametrize("kw", RMSPROP_CASES, ids=ids)
def test_rmsprop_trajectory(kw):
    # buffers reach ~10; centered RMSprop's sqrt(square_avg - grad_avg**2) cancels,
    # which amplifies 2.x's lerp_ against 1.13's mul_/add_ rounding of grad_avg
    tol = (1e-4, 2e-5) if kw["centered"] else (2e-5, 2e-6)
    check("RMSprop", dict(lr=0.01, **kw), state_tol=(2e-5, 2e-5), tol=tol)


@pytest.mark.parametrize("kw", ADAGRAD_CASES, ids=ids)
def test_adagrad_trajectory(kw):
    check("Adagrad", dict(lr=0.05, **kw), state_tol=(2e-5, 1e-5))


@pytest.mark.parametrize("kw", ADAMAX_CASES, ids=ids)
def test_adamax_trajectory(kw):
    check("Adamax", dict(lr=0.01, **kw))


@pytest.mark.parametrize("name,kw", [
    ("RMSprop", dict(lr=0.01, momentum=0.9, centered=True, weight_decay=0.01)),
    ("Adagrad", dict(lr=0.05, lr_decay=0.01, initial_accumulator_value=0.1)),
    ("Adamax", dict(lr=0.01, weight_decay=0.05, maximize=True)),
])
def test_float64_trajectory(name, kw):
    (wps, _), (tps, _) = trajectory(name, kw, dtype="float64")
    for wp, tp in zip(wps, tps):
        assert wp.dtype == wick.float64
        assert_close(wp, tp, rtol=1e-11, atol=1e-12)


def test_defaults_match_torch_2x():
    p = wick.nn.Parameter(wick.ones(2))
    assert wick.optim.RMSprop([p]).defaults == dict(
        lr=1e-2, momentum=0, alpha=0.99, eps=1e-8, centered=False, weight_decay=0,
        capturable=False, foreach=None, maximize=False, differentiable=False)
    assert wick.optim.Adagrad([p]).defaults == dict(
        lr=1e-2, lr_decay=0, eps=1e-10, weight_decay=0, initial_accumulator_value=0,
        foreach=None, maximize=False, differentiable=False, fused=None)
    assert wick.optim.Adamax([p]).defaults == dict(
        lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None, maximize=False,
        differentiable=False, capturable=False)


def test_adagrad_state_is_created_eagerly():
    import torch
    for m in (wick, torch):
        p = m.nn.Parameter(m.ones(3))
        opt = m.optim.Adagrad([p], initial_accumulator_value=0.5)
        assert sorted(opt.state[p]) == ["step", "sum"]
        assert opt.state[p]["sum"].tolist() == [0.5, 0.5, 0.5]
        assert opt.state[p]["step"].item() == 0


def test_rmsprop_state_names():
    import torch
    for m in (wick, torch):
        p = m.nn.Parameter(m.ones(3))
        opt = m.optim.RMSprop([p], momentum=0.5, centered=True)
        p.grad = m.ones(3)
        opt.step()
        assert sorted(opt.state[p]) == ["grad_avg", "momentum_buffer", "square_avg", "step"]


@pytest.mark.parametrize("name,kw", [
    ("RMSprop", dict(lr=0.01, momentum=0.9, centered=True)),
    ("Adagrad", dict(lr=0.05, lr_decay=0.01)),
    ("Adamax", dict(lr=0.01)),
    ("Adadelta", dict(lr=0.5, weight_decay=0.01)),
    ("RAdam", dict(lr=0.01)),
    ("Rprop", dict(lr=0.01)),
    ("ASGD", dict(lr=0.01, t0=5.0, lambd=0.01)),
])
def test_state_dict_from_torch(name, kw):
    import torch
    tps, tgrads = make_params(torch)
    topt = getattr(torch.optim, name)(tps, **kw)
    run_steps(torch, topt, tps, tgrads, 10)
    wps = [wick.nn.Parameter(to_wick(p)) for p in tps]
    wgrads = [to_wick(g) for g in tgrads]
    wopt = getattr(wick.optim, name)(wps, lr=1.0)
    # 1.13's RMSprop/Adadelta step is an int: load_state_dict turns it into a tensor
    wopt.load_state_dict(convert_state_dict(topt.state_dict(), to_wick))
    run_steps(torch, topt, tps, tgrads, 10, start=10)
    run_steps(wick, wopt, wps, wgrads, 10, start=10)
    for wp, tp in zip(wps, tps):
        assert_close(wp, tp)
    for p in wps:
        assert isinstance(wopt.state[p]["step"], wick.Tensor)
        assert wopt.state[p]["step"].item() == 20


@pytest.mark.parametrize("name,kw,msg", [
    ("RMSprop", dict(lr=-1.0), "Invalid learning rate: -1.0"),
    ("RMSprop", dict(eps=-1.0), "Invalid epsilon value: -1.0"),
    ("RMSprop", dict(momentum=-1.0), "Invalid momentum value: -1.0"),
    ("RMSprop", dict(weight_decay=-1.0), "Invalid weight_decay value: -1.0"),
    ("RMSprop", dict(alpha=-1.0), "Invalid alpha value: -1.0"),
    ("Adagrad", dict(lr=-1.0), "Invalid learning rate: -1.0"),
    ("Adagrad", dict(lr_decay=-1.0), "Invalid lr_decay value: -1.0"),
    ("Adagrad", dict(weight_decay=-1.0), "Invalid weight_decay value: -1.0"),
    ("Adagrad", dict(initial_accumulator_value=-1.0),
     "Invalid initial_accumulator_value value: -1.0"),
    ("Adagrad", dict(eps=-1.0), "Invalid epsilon value: -1.0"),
    ("Adamax", dict(lr=-1.0), "Invalid learning rate: -1.0"),
    ("Adamax", dict(eps=-1.0), "Invalid epsilon value: -1.0"),
    ("Adamax", dict(betas=(1.0, 0.9)), "Invalid beta parameter at index 0: 1.0"),
    ("Adamax", dict(betas=(0.9, 1.0)), "Invalid beta parameter at index 1: 1.0"),
    ("Adamax", dict(weight_decay=-1.0), "Invalid weight_decay value: -1.0"),
])
def test_constructor_errors(name, kw, msg):
    import torch
    for m in (wick, torch):
        p = m.nn.Parameter(m.ones(2))
        with pytest.raises(ValueError) as e:
            getattr(m.optim, name)([p], **kw)
        assert str(e.value) == msg


def test_kernel_list_checks():
    p = wick.ones(3)
    z = wick.zeros(3)
    with pytest.raises(RuntimeError, match="rmsprop: expected 1 grad_avgs"):
        wick._C._optim.rmsprop([p], [p], [z], [], [], [wick.zeros(())], lr=0.1, alpha=0.9,
                               eps=1e-8, weight_decay=0.0, momentum=0.0, centered=True,
                               maximize=False)
    with pytest.raises(RuntimeError, match="adagrad: expected 1 state_steps"):
        wick._C._optim.adagrad([p], [p], [z], [], lr=0.1, weight_decay=0.0, lr_decay=0.0,
                               eps=1e-10, maximize=False)
    with pytest.raises(RuntimeError, match="adamax: exp_infs 0 has size"):
        wick._C._optim.adamax([p], [p], [z], [wick.zeros(2)], [wick.zeros(())], eps=1e-8,
                              beta1=0.9, beta2=0.99, lr=0.1, weight_decay=0.0, maximize=False)
    assert p.tolist() == [1.0, 1.0, 1.0]


# ---- Adadelta, NAdam, RAdam ---------------------------------------------------

ADADELTA_CASES = [dict(rho=rho, weight_decay=wd, maximize=mx)
                  for rho, wd, mx in itertools.product([0.9, 0.5], [0.0, 0.05], [False, True])]


@pytest.mark.parametrize("kw", ADADELTA_CASES, ids=ids)
def test_adadelta_trajectory(kw):
    # 1.13 keeps an int step, 2.x a tensor; check() compares everything else
    check("Adadelta", dict(lr=0.5, **kw), state_tol=(2e-5, 1e-6))


NADAM_CASES = [dict(weight_decay=wd, momentum_decay=md, betas=b)
               for wd, md, b in itertools.product([0.0, 0.05], [4e-3, 0.1],
                                                  [(0.9, 0.999), (0.5, 0.9)])]


def nadam_2x_reference(ps, grads, lr, betas, eps, weight_decay, momentum_decay, steps):
    """PyTorch 2.x's single-tensor NAdam update written out with torch ops.
    1.13 computes mu_product_next as mu_product * mu * mu_next (fixed in 2.x to
    mu_product * mu_next), so 1.13's own NAdam is not the reference here."""
    import torch
    beta1, beta2 = betas
    state = [dict(step=torch.tensor(0.0), mu_product=torch.tensor(1.0),
                  exp_avg=torch.zeros_like(p), exp_avg_sq=torch.zeros_like(p)) for p in ps]
    with torch.no_grad():
        for i in range(steps):
            for p, g0, st in zip(ps, grads, state):
                grad = g0 * (1.0 + (i % 3)) - 0.25 * (i % 2)
                st["step"] += 1
                step = st["step"].item()
                bias_correction2 = 1 - beta2 ** step
                if weight_decay != 0:
                    grad = grad.add(p, alpha=weight_decay)
                mu = beta1 * (1. - 0.5 * (0.96 ** (step * momentum_decay)))
                mu_next = beta1 * (1. - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
                st["mu_product"] *= mu
                st["exp_avg"].lerp_(grad, 1 - beta1)
                st["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = st["exp_avg_sq"].div(bias_correction2).sqrt()
                mu_product_next = st["mu_product"].item() * mu_next
                denom.add_(eps)
                p.addcdiv_(grad, denom, value=(-lr * (1. - mu) / (1. - st["mu_product"].item())))
                p.addcdiv_(st["exp_avg"], denom, value=(-lr * mu_next) / (1. - mu_product_next))
    return state


@pytest.mark.parametrize("kw", NADAM_CASES, ids=ids)
def test_nadam_trajectory(kw):
    import torch
    wps, wgrads = make_params(wick)
    wopt = wick.optim.NAdam(wps, lr=0.01, **kw)
    run_steps(wick, wopt, wps, wgrads, STEPS)
    tps, tgrads = make_params(torch)
    tstate = nadam_2x_reference(tps, tgrads, 0.01, kw["betas"], 1e-8, kw["weight_decay"],
                                kw["momentum_decay"], STEPS)
    for wp, tp, ts in zip(wps, tps, tstate):
        assert_close(wp, tp)
        ws = wopt.state[wp]
        assert ws["mu_product"].dtype == wick.float32
        assert ws["mu_product"].item() == ts["mu_product"].item()
        assert_close(ws["exp_avg"], ts["exp_avg"], 2e-5, 1e-6)
        assert_close(ws["exp_avg_sq"], ts["exp_avg_sq"], 2e-5, 1e-6)


RADAM_CASES = [dict(weight_decay=wd, betas=b)
               for wd, b in itertools.product([0.0, 0.05], [(0.9, 0.999), (0.5, 0.9)])]


@pytest.mark.parametrize("kw", RADAM_CASES, ids=ids)
def test_radam_trajectory(kw):
    # betas (0.5, 0.9) rectify from step 6 on, (0.9, 0.999) from step 6 too:
    # both branches of the rectification run
    check("RAdam", dict(lr=0.01, **kw), state_tol=(2e-5, 1e-6))


@pytest.mark.parametrize("name", ["NAdam", "RAdam", "Adadelta"])
def test_maximize_is_descent_on_negated_gradients(name):
    # PyTorch 1.13's NAdam/RAdam have no maximize; 2.x negates the gradient
    # first, so maximize must equal a plain run on negated gradients
    wps, wgrads = make_params(wick)
    wopt = getattr(wick.optim, name)(wps, lr=0.01, maximize=True)
    run_steps(wick, wopt, wps, wgrads, 20)
    wps2, wgrads2 = make_params(wick)
    wopt2 = getattr(wick.optim, name)(wps2, lr=0.01)
    for i in range(20):
        for p, g in zip(wps2, wgrads2):
            p.grad = -(g * (1.0 + (i % 3)) - 0.25 * (i % 2))
        wopt2.step()
    for a, b in zip(wps, wps2):
        assert a.tolist() == b.tolist()


@pytest.mark.parametrize("name", ["NAdam", "RAdam"])
def test_decoupled_weight_decay(name):
    # PyTorch 2.x: decoupled_weight_decay multiplies the parameter by 1 - lr * wd
    # first and leaves the gradient alone; without weight decay it changes nothing
    runs = {}
    for dec, wd in ((False, 0.0), (True, 0.0), (False, 0.1), (True, 0.1)):
        ps, grads = make_params(wick)
        opt = getattr(wick.optim, name)(ps, lr=0.01, weight_decay=wd, decoupled_weight_decay=dec)
        run_steps(wick, opt, ps, grads, 10)
        runs[dec, wd] = [p.detach().clone() for p in ps]
    assert all(a.tolist() == b.tolist() for a, b in zip(runs[False, 0.0], runs[True, 0.0]))
    assert any(a.tolist() != b.tolist() for a, b in zip(runs[False, 0.1], runs[True, 0.1]))


@pytest.mark.parametrize("name,kw,msg", [
    ("Adadelta", dict(rho=1.5), "Invalid rho value: 1.5"),
    ("Adadelta", dict(lr=-1.0), "Invalid learning rate: -1.0"),
    ("Adadelta", dict(eps=-1.0), "Invalid epsilon value: -1.0"),
    ("Adadelta", dict(weight_decay=-1.0), "Invalid weight_decay value: -1.0"),
    ("NAdam", dict(momentum_decay=-1.0), "Invalid momentum_decay value: -1.0"),
    ("NAdam", dict(betas=(1.0, 0.9)), "Invalid beta parameter at index 0: 1.0"),
    ("RAdam", dict(eps=-1.0), "Invalid epsilon value: -1.0"),
    ("RAdam", dict(betas=(0.9, 1.0)), "Invalid beta parameter at index 1: 1.0"),
])
def test_more_constructor_errors(name, kw, msg):
    import torch
    for m in (wick, torch):
        p = m.nn.Parameter(m.ones(2))
        with pytest.raises(ValueError) as e:
            getattr(m.optim, name)([p], **kw)
        assert str(e.value) == msg


def test_more_defaults_match_torch_2x():
    p = wick.nn.Parameter(wick.ones(2))
    assert wick.optim.Adadelta([p]).defaults == dict(
        lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, maximize=False, capturable=False,
        foreach=None, differentiable=False)
    assert wick.optim.NAdam([p]).defaults == dict(
        lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
        decoupled_weight_decay=False, maximize=False, foreach=None, capturable=False,
        differentiable=False)
    assert wick.optim.RAdam([p]).defaults == dict(
        lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None, maximize=False,
        capturable=False, decoupled_weight_decay=False, differentiable=False)


# ---- Rprop, ASGD --------------------------------------------------------------

RPROP_CASES = [dict(etas=et, step_sizes=ss, maximize=mx)
               for et, ss, mx in itertools.product([(0.5, 1.2), (0.3, 1.5)],
                                                   [(1e-6, 50), (1e-3, 0.05)], [False, True])]


@pytest.mark.parametrize("kw", RPROP_CASES, ids=ids)
def test_rprop_trajectory(kw):
    check("Rprop", dict(lr=0.01, **kw), state_tol=(2e-5, 1e-6))


ASGD_CASES = [dict(lambd=la, alpha=al, t0=t0, weight_decay=wd, maximize=mx)
              for la, al, t0, wd, mx in itertools.product([1e-4, 0.05], [0.75], [1e6, 10.0],
                                                         [0.0, 0.05], [False, True])]


@pytest.mark.parametrize("kw", ASGD_CASES, ids=ids)
def test_asgd_trajectory(kw):
    # t0=10 starts the averaging inside the run; eta and mu are float32 scalars
    wopt, wps = check("ASGD", dict(lr=0.01, **kw), state_tol=(2e-5, 1e-6))
    for p in wps:
        assert wopt.state[p]["eta"].dtype == wick.float32
        assert wopt.state[p]["mu"].dtype == wick.float32


@pytest.mark.parametrize("name,kw,msg", [
    ("Rprop", dict(lr=-1.0), "Invalid learning rate: -1.0"),
    ("Rprop", dict(etas=(1.5, 1.2)), "Invalid eta values: 1.5, 1.2"),
    ("ASGD", dict(lr=-1.0), "Invalid learning rate: -1.0"),
    ("ASGD", dict(weight_decay=-1.0), "Invalid weight_decay value: -1.0"),
])
def test_rprop_asgd_constructor_errors(name, kw, msg):
    import torch
    for m in (wick, torch):
        p = m.nn.Parameter(m.ones(2))
        with pytest.raises(ValueError) as e:
            getattr(m.optim, name)([p], **kw)
        assert str(e.value) == msg

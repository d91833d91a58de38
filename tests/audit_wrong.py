"""Deliberately wrong implementations of torch.nn.functional ops, for tests/test_audit.py.

Each has the signature of the op it replaces and a correct forward; its backward has
one classic bug.  The truth the tests compare them with is eager PyTorch.
"""
import torch
import torch.nn.functional as F
from torch.nn.grad import conv2d_input, conv2d_weight


class _AvgFullDivisor(torch.autograd.Function):
    """avg_pool2d whose backward always divides by the full window kh*kw (off at the edges)."""

    @staticmethod
    def forward(ctx, x, kernel_size, stride, padding, ceil_mode, count_include_pad,
                divisor_override):
        ctx.args = (kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)
        ctx.shape = x.shape
        return F.avg_pool2d(x, kernel_size, stride, padding, ceil_mode, count_include_pad,
                            divisor_override)

    @staticmethod
    def backward(ctx, g):
        k, s, p, ceil, cip, div = ctx.args
        x = torch.zeros(ctx.shape, dtype=g.dtype, requires_grad=True)
        with torch.enable_grad():
            y = F.avg_pool2d(x, k, s, p, ceil, cip, div or k[0] * k[1])
        (gx,) = torch.autograd.grad(y, x, g)
        return gx, None, None, None, None, None, None


def avg_pool2d_edge_divisor(input, kernel_size, stride=None, padding=0, ceil_mode=False,
                            count_include_pad=True, divisor_override=None):
    return _AvgFullDivisor.apply(input, kernel_size, stride, padding, ceil_mode,
                                 count_include_pad, divisor_override)


class _MaxLastTie(torch.autograd.Function):
    """max_pool2d whose backward routes each gradient to the *last* maximum of its window."""

    @staticmethod
    def forward(ctx, x, kernel_size, stride, padding, dilation, ceil_mode):
        h, w = x.shape[-2:]
        # integer data: a bonus below 1 growing with the row-major position breaks ties
        # towards the last cell and changes no strict order
        bonus = torch.arange(h * w, dtype=x.dtype).reshape(h, w) / (2 * h * w)
        _, index = F.max_pool2d(x + bonus, kernel_size, stride, padding, dilation, ceil_mode,
                                return_indices=True)
        ctx.save_for_backward(index)
        ctx.shape = x.shape
        return F.max_pool2d(x, kernel_size, stride, padding, dilation, ceil_mode)

    @staticmethod
    def backward(ctx, g):
        (index,) = ctx.saved_tensors
        out = g.new_zeros(ctx.shape[:2] + (ctx.shape[2] * ctx.shape[3],))
        out.scatter_add_(-1, index.flatten(-2), g.flatten(-2))
        return out.reshape(ctx.shape), None, None, None, None, None


def max_pool2d_last_tie(input, kernel_size, stride=None, padding=0, dilation=1,
                        ceil_mode=False):
    return _MaxLastTie.apply(input, kernel_size, stride, padding, dilation, ceil_mode)


class _ConvGroupsMixed(torch.autograd.Function):
    """conv2d whose input gradient takes each group's weights from the next group."""

    @staticmethod
    def forward(ctx, x, w, b, stride, padding, dilation, groups):
        ctx.save_for_backward(x, w)
        ctx.args = (stride, padding, dilation, groups)
        return F.conv2d(x, w, b, stride, padding, dilation, groups)

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        stride, padding, dilation, groups = ctx.args
        rolled = w.reshape((groups, -1) + w.shape[1:]).roll(1, 0).reshape(w.shape)
        gx = conv2d_input(x.shape, rolled, g, stride, padding, dilation, groups)
        gw = conv2d_weight(x, w.shape, g, stride, padding, dilation, groups)
        return gx, gw, g.sum((0, 2, 3)), None, None, None, None


def conv2d_groups_mixed(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    return _ConvGroupsMixed.apply(input, weight, bias, stride, padding, dilation, groups)


class _TransposeSwapped(torch.autograd.Function):
    """conv_transpose2d whose input gradient swaps stride and dilation."""

    @staticmethod
    def forward(ctx, x, w, b, stride, padding, output_padding, groups, dilation):
        ctx.save_for_backward(x, w)
        ctx.args = (stride, padding, output_padding, groups, dilation)
        return F.conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation)

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        stride, padding, output_padding, groups, dilation = ctx.args
        gx = F.conv2d(g, w, None, dilation, padding, stride, groups)   # swapped
        gw = conv2d_weight(g, w.shape, x, stride, padding, dilation, groups)
        return gx, gw, g.sum((0, 2, 3)), None, None, None, None, None


def conv_transpose2d_swapped(input, weight, bias=None, stride=1, padding=0, output_padding=0,
                             groups=1, dilation=1):
    return _TransposeSwapped.apply(input, weight, bias, stride, padding, output_padding, groups,
                                   dilation)


class _LinearBiasMean(torch.autograd.Function):
    """linear whose bias gradient is the batch mean instead of the sum."""

    @staticmethod
    def forward(ctx, x, w, b):
        ctx.save_for_backward(x, w)
        return F.linear(x, w, b)

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        return g @ w, g.t() @ x, g.mean(0)


def linear_bias_mean(input, weight, bias=None):
    return _LinearBiasMean.apply(input, weight, bias)


def not_a_function():
    raise AssertionError("never called")


NOT_CALLABLE = 3

# Seed notes 002, "定义一个RNN" (the block is the body of an __init__; the class
# around it, INPUT_SIZE and the forward are added, as in the tutorial it comes from).
import torch
import torch.nn as nn
INPUT_SIZE = 28
class RNN(nn.Module):
    def __init__(self):
        super(RNN, self).__init__()
        self.rnn = nn.LSTM(         # if use nn.RNN(), it hardly learns    
        input_size=INPUT_SIZE,    
        hidden_size=64,         # rnn hidden unit    
        num_layers=1,           # number of rnn layer    
        batch_first=True,       # input & output will has batch size as 1s dimension. e.g. (batch, time_step, input_size)
        )
        self.out = nn.Linear(64, 10)

    def forward(self, x):
        r_out, (h_n, h_c) = self.rnn(x, None)   # None: zero initial hidden state
        return self.out(r_out[:, -1, :])
rnn = RNN()
print(rnn)
out = rnn(torch.randn(2, 28, 28))
print(out.shape)
print(out)
out.sum().backward()
print(rnn.rnn.weight_hh_l0.grad.shape, rnn.rnn.weight_hh_l0.grad.abs().sum() > 0)

# Seed notes 002, "定义一个卷积层" (the block is the body of an __init__; here the
# class around it is added).
import torch
import torch.nn as nn
class CNN(nn.Module):
    def __init__(self):
        super(CNN, self).__init__()
        self.conv1 = nn.Sequential(         # input shape (1, 28, 28)    
        nn.Conv2d(        
        in_channels=1,              # input height        
        out_channels=16,            # n_filters        
        kernel_size=5,              # filter size        
        stride=1,                   # filter movement/step        
        padding=2,                  # if want same width and length of this image after Conv2d, padding=(kernel_size-1)/2 if stride=1    
        ),                              # output shape (16, 28, 28)    
        nn.ReLU(),                      # activation
        nn.MaxPool2d(kernel_size=2),    # choose max value in 2x2 area, output shape (16, 14, 14)
        )
cnn = CNN()
print(cnn)
print(cnn.conv1(torch.randn(1, 1, 28, 28)).shape)

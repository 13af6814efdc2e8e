# Seed notes 003, "初始化": initialize_weights. Added: a model it runs on.
from torch import nn
''' 各种初始化方法定义为一个initialize_weights()的函数并在模型初始后进行使用。
'''
def initialize_weights(self):
    for m in self.modules():
        # 判断是否属于Conv2d
        if isinstance(m, nn.Conv2d):
            torch.nn.init.xavier_normal_(m.weight.data)
            # 判断是否有偏置
            if m.bias is not None:
                torch.nn.init.constant_(m.bias.data, 0.3)
        elif isinstance(m, nn.Linear):
            torch.nn.init.normal_(m.weight.data, 0.1)
            if m.bias is not None:
                torch.nn.init.zeros_(m.bias.data)
        elif isinstance(m, nn.BatchNorm2d):
            m.weight.data.fill_(1)
            m.bias.data.zeros_()
model = nn.Sequential(nn.Conv2d(1, 2, 2), nn.Linear(2, 2))
initialize_weights(model)
print(model.state_dict())

// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Jest does not read this file: jest.config.js gives babel-jest its own presets.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
